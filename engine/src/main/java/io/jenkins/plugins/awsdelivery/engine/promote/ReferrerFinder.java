package io.jenkins.plugins.awsdelivery.engine.promote;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.registry.Descriptor;
import io.jenkins.plugins.awsdelivery.engine.registry.ImageManifest;
import io.jenkins.plugins.awsdelivery.engine.registry.MediaTypes;
import io.jenkins.plugins.awsdelivery.engine.registry.Referrer;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryClient;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryException;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, at the source, what refers to the image's manifests, and what refers to those referrers (a signature of an
 * SBOM), breadth first so that every subject comes before its referrers.
 *
 * <p>For each digest: the OCI 1.1 referrers API, or, when the registry has none, the referrers tag schema (tag
 * {@code sha256-<hex>} holding an index); and in both cases cosign's tags {@code sha256-<hex>.sig}, {@code .att} and
 * {@code .sbom}.
 */
final class ReferrerFinder {
    /** A signature of an SBOM of an image is two levels; a few more leave room without following chains for ever. */
    static final int MAX_DEPTH = 5;

    static final int MAX_REFERRERS = 1_000;

    static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

    private final RegistryClient source;
    private final ReferrerSelection selection;
    private final EventSink events;
    private long manifestBytes;

    /** @param manifestBytes what the image's own manifests already used of the promotion's budget */
    ReferrerFinder(RegistryClient source, ReferrerSelection selection, EventSink events, long manifestBytes) {
        this.source = source;
        this.selection = selection;
        this.events = events;
        this.manifestBytes = manifestBytes;
    }

    /** The referrers of {@code subjects} and, recursively, of those referrers; subjects before their referrers. */
    List<FoundReferrer> find(Collection<Digest> subjects) {
        List<FoundReferrer> found = new ArrayList<>();
        Map<Digest, Integer> depth = new HashMap<>();
        Deque<Digest> queue = new ArrayDeque<>();
        for (Digest subject : subjects) {
            depth.put(subject, 0);
            queue.add(subject);
        }
        while (!queue.isEmpty()) {
            Digest subject = queue.poll();
            int level = depth.get(subject) + 1;
            for (FoundReferrer referrer : referrersOf(subject)) {
                Digest digest = referrer.manifest().digest();
                if (depth.containsKey(digest)) {
                    continue;
                }
                if (level > MAX_DEPTH) {
                    throw new RegistryException("referrer " + digest + " of " + subject + " is more than " + MAX_DEPTH
                            + " levels of referrers away from the image; refusing to follow further");
                }
                if (found.size() >= MAX_REFERRERS) {
                    throw new RegistryException("the image has more than " + MAX_REFERRERS
                            + " referrers; choose the artifact types to copy with the referrers option");
                }
                depth.put(digest, level);
                queue.add(digest);
                found.add(referrer);
                events.info("found " + referrer.describe());
            }
        }
        return found;
    }

    private List<FoundReferrer> referrersOf(Digest subject) {
        stopIfInterrupted();
        List<FoundReferrer> found = new ArrayList<>();
        List<Referrer> listing = listed(subject);
        if (listing.size() > MAX_REFERRERS) {
            throw new RegistryException(subject + " has " + listing.size() + " referrers, more than the "
                    + MAX_REFERRERS + " copied at most; choose the artifact types to copy with the referrers option");
        }
        for (Referrer listed : listing) {
            if (!selection.accepts(listed.artifactType())) {
                events.debug("not copying referrer " + listed.digest() + " (" + listed.artifactType() + ")");
                continue;
            }
            ImageManifest manifest = pull(listed.digest(), "referrer of " + subject);
            found.add(new FoundReferrer(manifest, children(manifest), subject, listed.artifactType(), null));
        }
        if (subject.algorithm().equals("sha256")) {
            for (String suffix : COSIGN_SUFFIXES) {
                String tag = Referrer.tagSchemaTag(subject) + suffix;
                Optional<ImageManifest> tagged = source.pullManifestIfPresent(tag);
                if (tagged.isEmpty()) {
                    continue;
                }
                ImageManifest manifest = counted(tagged.get(), "cosign tag " + tag);
                String type = cosignArtifactType(manifest);
                if (!selection.accepts(type)) {
                    events.debug("not copying cosign tag " + tag + " (" + type + ")");
                    continue;
                }
                found.add(new FoundReferrer(manifest, children(manifest), subject, type, tag));
            }
        }
        return found;
    }

    private List<Referrer> listed(Digest subject) {
        Optional<List<Referrer>> byApi = source.referrers(subject, selection.singleType());
        if (byApi.isPresent()) {
            return byApi.get();
        }
        String tag = Referrer.tagSchemaTag(subject);
        Optional<ImageManifest> tagged = source.pullManifestIfPresent(tag);
        if (tagged.isEmpty()) {
            return List.of();
        }
        ImageManifest index = tagged.get();
        String where = "referrers tag " + source.registry() + "/" + source.repository() + ":" + tag;
        if (!MediaTypes.OCI_INDEX.equals(index.mediaType())) {
            throw new RegistryException(where + " holds a " + index.mediaType()
                    + ", not the OCI image index of the referrers tag schema; cannot tell what refers to " + subject);
        }
        return Referrer.listedIn(index, where);
    }

    private ImageManifest pull(Digest digest, String what) {
        return counted(source.pullManifest(digest.toString()), what);
    }

    /** Counts the manifest against the promotion's budget and refuses what cannot be copied. */
    private ImageManifest counted(ImageManifest manifest, String what) {
        manifestBytes += manifest.size();
        if (manifestBytes > Promoter.MAX_MANIFEST_BYTES) {
            throw new RegistryException("the image and its referrers have manifests of more than "
                    + Promoter.MAX_MANIFEST_BYTES / (1024 * 1024) + " MiB in total, more than allowed; choose the"
                    + " artifact types to copy with the referrers option");
        }
        if (!MediaTypes.isManifest(manifest.mediaType())) {
            throw new RegistryException(what + " " + manifest.digest() + " has media type " + manifest.mediaType()
                    + ", which cannot be copied");
        }
        return manifest;
    }

    /** The manifests of a referrer that is an index, children before parents; one level, as artifacts use. */
    private List<ImageManifest> children(ImageManifest manifest) {
        List<ImageManifest> children = new ArrayList<>();
        for (Descriptor child : manifest.children()) {
            ImageManifest pulled = pull(child.digest(), "child of referrer " + manifest.digest());
            if (pulled.isIndex()) {
                throw new RegistryException("referrer " + manifest.digest() + " nests the index " + child.digest()
                        + "; nested indexes are not copied as referrers");
            }
            children.add(pulled);
        }
        return children;
    }

    /**
     * Cosign's manifests predate {@code artifactType}: their kind shows in the layer media type (simple signing,
     * DSSE envelope, SBOM format).
     */
    static String cosignArtifactType(ImageManifest manifest) {
        String declared = Referrer.of(manifest).artifactType();
        boolean generic = declared == null
                || declared.equals("application/vnd.oci.image.config.v1+json")
                || declared.equals("application/vnd.docker.container.image.v1+json");
        if (generic && !manifest.layers().isEmpty() && manifest.layers().get(0).mediaType() != null) {
            return manifest.layers().get(0).mediaType();
        }
        return declared;
    }

    private static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new OperationAbortedException("finding referrers");
        }
    }
}
