package io.jenkins.plugins.awsdelivery.engine.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.awsdelivery.engine.promote.CopiedReferrer.How;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.registry.ImageManifest;
import io.jenkins.plugins.awsdelivery.engine.registry.MediaTypes;
import io.jenkins.plugins.awsdelivery.engine.registry.Referrer;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryClient;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryException;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.IOException;
import java.util.Optional;

/**
 * Writes referrers at the destination the way it supports, digest-preserving: a manifest with a {@code subject} is
 * written by digest, and when the registry does not answer {@code OCI-Subject} (no referrers API) it is added to the
 * referrers tag schema index there (merged with what that index already lists; nothing is dropped). Cosign's
 * artifacts are written under their tags. Whatever cannot be written fails the promotion naming the referrer.
 */
final class ReferrerWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient destination;
    private final EventSink events;
    private Boolean destinationHasApi;

    ReferrerWriter(RegistryClient destination, EventSink events) {
        this.destination = destination;
        this.events = events;
    }

    CopiedReferrer write(FoundReferrer found) {
        try {
            for (ImageManifest child : found.children()) {
                destination.pushManifestIfAbsent(child);
            }
            How how = found.cosignTag() != null ? writeCosignTag(found) : writeWithSubject(found);
            events.info("copied " + found.describe() + " (" + how + ")");
            return copied(found, how);
        } catch (RegistryException e) {
            throw new RegistryException(
                    "copying " + found.describe() + ": " + e.getMessage()
                            + "; the image's tag is not written without its referrers. To promote without them,"
                            + " leave them out deliberately with the referrers option (none, or the artifact types"
                            + " to copy)",
                    e.statusCode(),
                    e);
        }
    }

    /** What {@link #write} would do, reading only. */
    CopiedReferrer plan(FoundReferrer found) {
        if (found.cosignTag() != null) {
            return copied(found, How.COSIGN_TAG);
        }
        if (destinationHasApi == null) {
            destinationHasApi = destination.referrers(found.subject(), null).isPresent();
        }
        return copied(found, destinationHasApi ? How.API : How.TAG_SCHEMA);
    }

    private How writeCosignTag(FoundReferrer found) {
        String tag = found.cosignTag();
        Digest digest = found.manifest().digest();
        Optional<Digest> current = destination.manifestDigest(tag);
        if (current.isPresent() && !current.get().equals(digest)) {
            throw new RegistryException("the destination's tag " + tag + " already holds " + current.get()
                    + "; cosign keeps all signatures of an image in that one manifest, so overwriting it would drop"
                    + " the destination's own. Copy them together with cosign copy, or delete that tag");
        }
        if (current.isEmpty()) {
            destination.pushManifest(found.manifest(), tag);
        }
        return How.COSIGN_TAG;
    }

    private How writeWithSubject(FoundReferrer found) {
        ImageManifest manifest = found.manifest();
        Optional<Digest> subject = Referrer.subjectOf(manifest);
        if (subject.isPresent() && destination.pushReferrer(manifest, subject.get())) {
            return How.API;
        }
        if (subject.isEmpty()) {
            // Listed by the source's tag schema without a subject of its own: kept findable the same way.
            destination.pushManifest(manifest, manifest.digest().toString());
        }
        addToTagSchema(subject.orElse(found.subject()), Referrer.of(manifest));
        return How.TAG_SCHEMA;
    }

    /**
     * distribution-spec v1.1, "Pushing Manifests with Subject": pull the {@code <alg>-<hex>} tag (none: an empty
     * index), add the referrer's descriptor unless it is listed, push the index under that tag.
     */
    private void addToTagSchema(Digest subject, Referrer referrer) {
        String tag = Referrer.tagSchemaTag(subject);
        ObjectNode index;
        Optional<ImageManifest> held = destination.pullManifestIfPresent(tag);
        if (held.isPresent()) {
            ImageManifest existing = held.get();
            if (!MediaTypes.OCI_INDEX.equals(existing.mediaType())) {
                throw new RegistryException("the destination's tag " + tag + " holds a " + existing.mediaType()
                        + ", not the OCI image index of the referrers tag schema; the referrer cannot be listed there");
            }
            index = parse(existing);
            for (JsonNode entry : index.withArray("manifests")) {
                if (referrer.digest().toString().equals(entry.path("digest").asText())) {
                    return;
                }
            }
        } else {
            index = JSON.createObjectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaTypes.OCI_INDEX);
            index.putArray("manifests");
        }
        ((ArrayNode) index.withArray("manifests")).add(referrer.toIndexEntry());
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(index);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        destination.pushManifest(ImageManifest.of(bytes, MediaTypes.OCI_INDEX), tag);
    }

    private static ObjectNode parse(ImageManifest manifest) {
        try {
            return (ObjectNode) JSON.readTree(manifest.bytes());
        } catch (IOException | ClassCastException e) {
            throw new RegistryException("index " + manifest.digest() + " is not a JSON object", 0, e);
        }
    }

    private static CopiedReferrer copied(FoundReferrer found, How how) {
        return new CopiedReferrer(
                found.manifest().digest(),
                found.artifactType(),
                found.manifest().mediaType(),
                how);
    }
}
