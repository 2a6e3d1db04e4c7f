package io.jenkins.plugins.awsdelivery.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A manifest exactly as the registry stored it: the raw bytes, the media type and the digest of those bytes. The
 * parsed view ({@link #config()}, {@link #layers()}, {@link #children()}) only reads; writing always sends
 * {@link #bytes()} unchanged, which is what keeps the digest.
 */
public final class ImageManifest {
    /** Registries refuse larger manifests too (distribution and ECR use 4 MiB). */
    public static final int MAX_SIZE = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] bytes;
    private final String mediaType;
    private final Digest digest;
    private final Descriptor config;
    private final List<Descriptor> layers;
    private final List<Descriptor> children;

    private ImageManifest(byte[] bytes, String mediaType, Digest digest, JsonNode json) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.digest = digest;
        if (MediaTypes.isIndex(mediaType)) {
            this.config = null;
            this.layers = List.of();
            this.children = descriptors(json.path("manifests"), "manifests", true);
        } else {
            JsonNode configNode = json.path("config");
            if (!configNode.isObject()) {
                throw invalid("it has no config descriptor");
            }
            this.config = descriptor(configNode, "config", false);
            this.layers = descriptors(json.path("layers"), "layers", false);
            this.children = List.of();
        }
    }

    /**
     * Reads a manifest received from a registry.
     *
     * @param contentType the {@code Content-Type} the registry sent; when it is missing or generic, the
     *     {@code mediaType} field of the JSON decides
     * @throws RegistryException when the media type is not one of {@link MediaTypes#MANIFESTS} or the JSON is not a
     *     manifest
     */
    public static ImageManifest of(byte[] bytes, String contentType) {
        if (bytes.length > MAX_SIZE) {
            throw new RegistryException("manifest of " + bytes.length + " bytes is larger than the " + MAX_SIZE
                    + " bytes registries accept; it cannot be copied");
        }
        Digest digest = Digest.sha256(bytes);
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new RegistryException("manifest " + digest + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (json == null || !json.isObject()) {
            throw new RegistryException("manifest " + digest + " is not a JSON object");
        }
        String mediaType = mediaType(contentType, json, digest);
        return new ImageManifest(bytes.clone(), mediaType, digest, json);
    }

    private static String mediaType(String contentType, JsonNode json, Digest digest) {
        String declared = json.path("mediaType").asText(null);
        String sent = contentType == null ? null : contentType.split(";", 2)[0].trim();
        if (sent != null && MediaTypes.isManifest(sent)) {
            return sent;
        }
        if (sent != null && !sent.isEmpty() && !sent.equals("application/json") && !sent.equals("text/plain")) {
            throw unsupported(sent, digest);
        }
        if (declared != null) {
            if (!MediaTypes.isManifest(declared)) {
                throw unsupported(declared, digest);
            }
            return declared;
        }
        if (json.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (json.has("config") && json.has("layers")) {
            return MediaTypes.OCI_MANIFEST;
        }
        throw unsupported(String.valueOf(sent), digest);
    }

    static RegistryException unsupported(String mediaType, Object what) {
        return new RegistryException(
                "manifest " + what + " has media type " + mediaType
                        + ", which cannot be copied; supported are " + String.join(", ", MediaTypes.MANIFESTS)
                        + " (Docker schema 1 and other types are refused rather than converted, which would change the digest)");
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public String mediaType() {
        return mediaType;
    }

    public Digest digest() {
        return digest;
    }

    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, bytes.length);
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** The image configuration blob; empty for an index. */
    public Optional<Descriptor> config() {
        return Optional.ofNullable(config);
    }

    /** Layer blobs in manifest order; empty for an index. */
    public List<Descriptor> layers() {
        return layers;
    }

    /** Config then layers: every blob this manifest references. */
    public List<Descriptor> blobs() {
        List<Descriptor> all = new ArrayList<>();
        if (config != null) {
            all.add(config);
        }
        all.addAll(layers);
        return all;
    }

    /** The manifests of an index; empty for an image manifest. */
    public List<Descriptor> children() {
        return children;
    }

    private List<Descriptor> descriptors(JsonNode array, String field, boolean withPlatform) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw invalid("its " + field + " field is not an array");
        }
        List<Descriptor> list = new ArrayList<>();
        for (JsonNode node : array) {
            list.add(descriptor(node, field, withPlatform));
        }
        return List.copyOf(list);
    }

    private Descriptor descriptor(JsonNode node, String field, boolean withPlatform) {
        String mediaType = node.path("mediaType").asText(null);
        String digestText = node.path("digest").asText(null);
        if (digestText == null || !node.path("size").canConvertToLong()) {
            throw invalid("an entry of " + field + " lacks a digest or size");
        }
        long size = node.path("size").asLong();
        if (size < 0) {
            throw invalid("an entry of " + field + " has the negative size " + size);
        }
        Digest entryDigest;
        try {
            entryDigest = Digest.parse(digestText);
        } catch (RuntimeException e) {
            throw invalid("an entry of " + field + " has an invalid digest " + digestText);
        }
        String platform = null;
        JsonNode p = node.path("platform");
        if (withPlatform && p.isObject()) {
            platform = p.path("os").asText("?") + "/" + p.path("architecture").asText("?")
                    + (p.hasNonNull("variant") ? "/" + p.path("variant").asText() : "");
        }
        return new Descriptor(mediaType, entryDigest, size, platform);
    }

    private RegistryException invalid(String why) {
        return new RegistryException("manifest " + digest + " (" + mediaType + ") is invalid: " + why);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageManifest that
                && mediaType.equals(that.mediaType)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "ImageManifest{" + mediaType + ", " + digest + ", " + bytes.length + " bytes}";
    }
}
