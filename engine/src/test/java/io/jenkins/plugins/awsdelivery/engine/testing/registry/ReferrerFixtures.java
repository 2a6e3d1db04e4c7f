package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pushes what refers to an image, shaped as the specifications and cosign write it, straight over HTTP (independently
 * of the code under test): OCI 1.1 artifact manifests with {@code subject} and {@code artifactType} (OCI image-spec
 * v1.1 "Guidelines for Artifact Usage": empty config {@code application/vnd.oci.empty.v1+json}), the referrers tag
 * schema index a client keeps on a registry without the referrers API (distribution-spec v1.1), and cosign's
 * signature manifest under {@code sha256-<hex>.sig} (simple-signing payload layer with the
 * {@code dev.cosignproject.cosign/signature} annotation).
 */
public final class ReferrerFixtures {
    public static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
    public static final String SPDX = "application/spdx+json";
    public static final String SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    public static final String COSIGN_SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    private final ImageFixtures images;
    private final String registry;

    public ReferrerFixtures(ImageFixtures images, String registry) {
        this.images = images;
        this.registry = registry;
    }

    /** A manifest as pushed: digest, size, media type, bytes, and the blobs it references. */
    public record Pushed(
            Digest digest,
            String mediaType,
            byte[] bytes,
            String artifactType,
            Map<String, String> annotations,
            List<Digest> blobs) {
        public long size() {
            return bytes.length;
        }
    }

    /** An OCI artifact manifest with one layer of {@code content}, referring to {@code subject}. */
    public Pushed pushArtifact(
            String repository, Pushed subject, String artifactType, byte[] content, Map<String, String> annotations) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        Digest config = images.pushBlob(repository, empty);
        Digest layer = images.pushBlob(repository, content);
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
                .append(ImageFixtures.OCI_MANIFEST)
                .append("\",\"artifactType\":\"")
                .append(artifactType)
                .append("\",\"config\":")
                .append(descriptor(EMPTY_CONFIG, config, empty.length))
                .append(",\"layers\":[")
                .append(descriptor(artifactType, layer, content.length))
                .append("],\"subject\":")
                .append(descriptor(subject.mediaType(), subject.digest(), subject.size()));
        appendAnnotations(json, annotations);
        json.append('}');
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        Digest digest = images.pushManifest(repository, null, ImageFixtures.OCI_MANIFEST, bytes);
        return new Pushed(
                digest,
                ImageFixtures.OCI_MANIFEST,
                bytes,
                artifactType,
                Map.copyOf(annotations),
                List.of(config, layer));
    }

    /** An SPDX SBOM of {@code subject}. */
    public Pushed pushSbom(String repository, Pushed subject) {
        byte[] sbom = ("{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"" + subject.digest()
                        + "\",\"packages\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        return pushArtifact(
                repository, subject, SPDX, sbom, Map.of("org.opencontainers.image.created", "2026-12-01T10:00:00Z"));
    }

    /** A sigstore bundle (the shape of cosign 3's OCI 1.1 signatures) of {@code subject}. */
    public Pushed pushSigstoreBundle(String repository, Pushed subject) {
        byte[] bundle = ("{\"mediaType\":\"" + SIGSTORE_BUNDLE + "\",\"messageSignature\":{\"messageDigest\":{"
                        + "\"algorithm\":\"SHA2_256\",\"digest\":\""
                        + Base64.getEncoder()
                                .encodeToString(subject.digest().hex().getBytes(StandardCharsets.UTF_8))
                        + "\"},\"signature\":\"MEUCIQDtest\"}}")
                .getBytes(StandardCharsets.UTF_8);
        return pushArtifact(
                repository,
                subject,
                SIGSTORE_BUNDLE,
                bundle,
                Map.of("dev.sigstore.bundle.predicateType", "https://sigstore.dev/cosign/sign/v1"));
    }

    /**
     * Lists {@code referrers} in the referrers tag schema index of {@code subject} ({@code sha256-<hex>}), as a client
     * does on a registry without the referrers API: descriptors with {@code artifactType} and the manifests'
     * annotations.
     */
    public Pushed pushTagSchemaIndex(String repository, Digest subject, List<Pushed> referrers) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
                .append(ImageFixtures.OCI_INDEX)
                .append("\",\"manifests\":[");
        for (int i = 0; i < referrers.size(); i++) {
            Pushed referrer = referrers.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"mediaType\":\"")
                    .append(referrer.mediaType())
                    .append("\",\"digest\":\"")
                    .append(referrer.digest())
                    .append("\",\"size\":")
                    .append(referrer.size())
                    .append(",\"artifactType\":\"")
                    .append(referrer.artifactType())
                    .append('"');
            appendAnnotations(json, referrer.annotations());
            json.append('}');
        }
        json.append("]}");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        Digest digest = images.pushManifest(repository, tagSchemaTag(subject), ImageFixtures.OCI_INDEX, bytes);
        return new Pushed(digest, ImageFixtures.OCI_INDEX, bytes, null, Map.of(), List.of());
    }

    /**
     * A cosign signature of {@code subject} under its tag {@code sha256-<hex>.sig}: a config blob, one simple-signing
     * payload layer naming the subject, with the signature in the layer's annotation.
     */
    public Pushed pushCosignSignature(String repository, Digest subject) {
        byte[] payload = ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + registry + "/" + repository
                        + "\"},\"image\":{\"docker-manifest-digest\":\"" + subject
                        + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
                .getBytes(StandardCharsets.UTF_8);
        Digest layer = images.pushBlob(repository, payload);
        byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
                        + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                        + Digest.sha256(payload) + "\"]},\"config\":{}}")
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = images.pushBlob(repository, config);
        String signature = Base64.getEncoder()
                .encodeToString(("signature over " + Digest.sha256(payload)).getBytes(StandardCharsets.UTF_8));
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + ImageFixtures.OCI_MANIFEST + "\",\"config\":"
                + descriptor(ImageFixtures.OCI_CONFIG, configDigest, config.length) + ",\"layers\":[{\"mediaType\":\""
                + COSIGN_SIMPLE_SIGNING + "\",\"size\":" + payload.length + ",\"digest\":\"" + layer
                + "\",\"annotations\":{\"" + COSIGN_SIGNATURE_ANNOTATION + "\":\"" + signature + "\"}}]}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Digest digest = images.pushManifest(repository, cosignTag(subject, ".sig"), ImageFixtures.OCI_MANIFEST, bytes);
        return new Pushed(
                digest,
                ImageFixtures.OCI_MANIFEST,
                bytes,
                COSIGN_SIMPLE_SIGNING,
                Map.of(),
                List.of(configDigest, layer));
    }

    /** An image pushed with {@link ImageFixtures}, as a subject. */
    public static Pushed subject(PushedImage image, byte[] manifestBytes) {
        return new Pushed(image.digest(), image.mediaType(), manifestBytes, null, Map.of(), image.blobs());
    }

    /** distribution-spec v1.1: {@code <alg>-<ref>}, the digest with its colon replaced by a dash. */
    public static String tagSchemaTag(Digest subject) {
        return subject.toString().replace(':', '-');
    }

    /** cosign: {@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}. */
    public static String cosignTag(Digest subject, String suffix) {
        return tagSchemaTag(subject) + suffix;
    }

    private static String descriptor(String mediaType, Digest digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private static void appendAnnotations(StringBuilder json, Map<String, String> annotations) {
        if (annotations.isEmpty()) {
            return;
        }
        json.append(",\"annotations\":{");
        String separator = "";
        for (Map.Entry<String, String> entry : new TreeMap<>(annotations).entrySet()) {
            json.append(separator)
                    .append('"')
                    .append(entry.getKey())
                    .append("\":\"")
                    .append(entry.getValue())
                    .append('"');
            separator = ",";
        }
        json.append('}');
    }
}
