package io.jenkins.plugins.awsdelivery.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A manifest that refers to another one (a signature, an SBOM, an attestation), as the OCI referrers API and the
 * referrers tag schema list it: the manifest's descriptor, its artifact type and its annotations.
 *
 * <p>The artifact type is the manifest's {@code artifactType}, else its config's media type (OCI distribution-spec
 * v1.1, "Listing Referrers").
 */
public record Referrer(Descriptor descriptor, String artifactType, Map<String, String> annotations) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Referrer {
        Objects.requireNonNull(descriptor, "descriptor");
        annotations = Map.copyOf(annotations);
    }

    public Digest digest() {
        return descriptor.digest();
    }

    /** The descriptor the referrers API and the tag schema list for this manifest. */
    public static Referrer of(ImageManifest manifest) {
        JsonNode json = parse(manifest);
        String type = json.path("artifactType").asText(null);
        if (type == null || type.isEmpty()) {
            type = json.path("config").path("mediaType").asText(null);
        }
        return new Referrer(manifest.descriptor(), type, annotations(json.path("annotations")));
    }

    /** The digest in the manifest's {@code subject} field, when it has one. */
    public static Optional<Digest> subjectOf(ImageManifest manifest) {
        String subject = parse(manifest).path("subject").path("digest").asText(null);
        try {
            return Optional.ofNullable(subject).map(Digest::parse);
        } catch (RuntimeException e) {
            throw new RegistryException("manifest " + manifest.digest() + " has an invalid subject digest " + subject
                    + "; it cannot be" + " copied as a referrer");
        }
    }

    /**
     * The tag of the referrers tag schema index for {@code subject}: {@code <alg>-<hex>} (distribution-spec v1.1,
     * "Referrers Tag Schema"); cosign's tags add a suffix to it.
     */
    public static String tagSchemaTag(Digest subject) {
        return subject.algorithm() + "-" + subject.hex();
    }

    /** The entries of an index that lists referrers (a referrers tag schema index). */
    public static List<Referrer> listedIn(ImageManifest index, String where) {
        JsonNode entries = parse(index).path("manifests");
        List<Referrer> referrers = new ArrayList<>();
        for (JsonNode entry : entries) {
            referrers.add(fromIndexEntry(entry, where));
        }
        return List.copyOf(referrers);
    }

    /** One entry of an index that lists referrers. */
    static Referrer fromIndexEntry(JsonNode entry, String where) {
        String digest = entry.path("digest").asText(null);
        if (digest == null
                || !entry.path("size").canConvertToLong()
                || entry.path("size").asLong() < 0) {
            throw new RegistryException(where + " lists an entry without a valid digest and size");
        }
        Digest parsed;
        try {
            parsed = Digest.parse(digest);
        } catch (RuntimeException e) {
            throw new RegistryException(where + " lists the invalid digest " + digest);
        }
        return new Referrer(
                Descriptor.of(
                        entry.path("mediaType").asText(null),
                        parsed,
                        entry.path("size").asLong()),
                entry.path("artifactType").asText(null),
                annotations(entry.path("annotations")));
    }

    /** This referrer as an entry of an OCI image index. */
    public ObjectNode toIndexEntry() {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("mediaType", descriptor.mediaType());
        entry.put("digest", descriptor.digest().toString());
        entry.put("size", descriptor.size());
        if (artifactType != null) {
            entry.put("artifactType", artifactType);
        }
        if (!annotations.isEmpty()) {
            ObjectNode values = entry.putObject("annotations");
            new TreeMap<>(annotations).forEach(values::put);
        }
        return entry;
    }

    private static Map<String, String> annotations(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            field -> values.put(field.getKey(), field.getValue().asText()));
        }
        return values;
    }

    private static JsonNode parse(ImageManifest manifest) {
        try {
            return JSON.readTree(manifest.bytes());
        } catch (IOException e) {
            throw new RegistryException("manifest " + manifest.digest() + " is not valid JSON", 0, e);
        }
    }
}
