package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.registry.InputStreamPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pushes test images straight over HTTP (independently of the code under test): random layers, a config, Docker v2
 * or OCI manifests, a two-platform OCI index, and manifests with unusual key order and whitespace. Layers are random
 * bytes (registries do not look inside), generated while streaming so that large ones never sit in memory.
 */
public final class ImageFixtures {
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String ACCEPT = String.join(
            ", ",
            OCI_INDEX,
            "application/vnd.docker.distribution.manifest.list.v2+json",
            OCI_MANIFEST,
            DOCKER_MANIFEST);

    private final String registry;
    private final URI base;
    private final HttpClient http;
    private final String authorization;
    private final TokenServer tokens;
    private final String user;

    public ImageFixtures(LocalRegistry target) {
        this(
                target.hostPort(),
                target.url(),
                target.sslContext(),
                target.username(),
                target.password(),
                target.tokenServer());
    }

    public ImageFixtures(String hostPort, URI base, javax.net.ssl.SSLContext ssl, String user, String password) {
        this(hostPort, base, ssl, user, password, null);
    }

    /** For a registry reached another way, e.g. through a proxy at {@code hostPort}. */
    private ImageFixtures(
            String hostPort, URI base, javax.net.ssl.SSLContext ssl, String user, String password, TokenServer tokens) {
        this.tokens = tokens;
        this.user = user;
        this.registry = hostPort;
        this.base = base;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.http = builder.build();
        this.authorization = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A Docker v2 schema 2 image with {@code layers} random layers of {@code layerSize} bytes. */
    public PushedImage pushDockerImage(String repository, String tag, int layers, int layerSize) {
        return pushImage(repository, tag, layers, layerSize, DOCKER_MANIFEST, DOCKER_CONFIG, DOCKER_LAYER, "amd64");
    }

    /** An OCI image with {@code layers} random layers of {@code layerSize} bytes. */
    public PushedImage pushOciImage(String repository, String tag, int layers, int layerSize) {
        return pushImage(repository, tag, layers, layerSize, OCI_MANIFEST, OCI_CONFIG, OCI_LAYER, "amd64");
    }

    /** An OCI index of two OCI images (linux/amd64 and linux/arm64), each with two layers of {@code layerSize}. */
    public PushedImage pushOciIndex(String repository, String tag, int layerSize) {
        PushedImage amd64 = pushImage(repository, null, 2, layerSize, OCI_MANIFEST, OCI_CONFIG, OCI_LAYER, "amd64");
        PushedImage arm64 = pushImage(repository, null, 2, layerSize, OCI_MANIFEST, OCI_CONFIG, OCI_LAYER, "arm64");
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
                + child(amd64, "amd64") + "," + child(arm64, "arm64") + "]}";
        byte[] bytes = index.getBytes(StandardCharsets.UTF_8);
        Digest digest = pushManifest(repository, tag, OCI_INDEX, bytes);
        List<Digest> blobs = new ArrayList<>(amd64.blobs());
        blobs.addAll(arm64.blobs());
        return new PushedImage(
                registry,
                repository,
                tag,
                digest,
                OCI_INDEX,
                List.of(amd64.digest(), arm64.digest()),
                blobs,
                amd64.layerBytes() + arm64.layerBytes());
    }

    /**
     * A Docker v2 image whose manifest JSON is not canonical: keys in unusual order, indentation, spaces before
     * colons, a trailing newline. Only copying the raw bytes keeps its digest.
     */
    public PushedImage pushNonCanonicalImage(String repository, String tag, int layerSize) {
        byte[] config = config("amd64");
        Digest configDigest = pushBlob(repository, config);
        byte[] layer = randomBytes(layerSize);
        Digest layerDigest = pushBlob(repository, layer);
        String manifest = "{\n   \"layers\" : [ {\"size\" :   " + layer.length + ", \"digest\":\"" + layerDigest
                + "\",\n\t\"mediaType\": \"" + DOCKER_LAYER + "\" } ],\n  \"config\":{ \"digest\" : \"" + configDigest
                + "\", \"size\": " + config.length + ", \"mediaType\":\"" + DOCKER_CONFIG
                + "\"},\n  \"mediaType\" :\"" + DOCKER_MANIFEST + "\",   \"schemaVersion\":2\n}\n";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        Digest digest = pushManifest(repository, tag, DOCKER_MANIFEST, bytes);
        return new PushedImage(
                registry,
                repository,
                tag,
                digest,
                DOCKER_MANIFEST,
                List.of(),
                List.of(configDigest, layerDigest),
                layerSize);
    }

    /** An image whose single layer of {@code size} bytes is generated while it streams (for very large layers). */
    public PushedImage pushStreamedImage(String repository, String tag, int layers, long layerSize) {
        List<String> descriptors = new ArrayList<>();
        List<Digest> blobs = new ArrayList<>();
        byte[] config = config("amd64");
        Digest configDigest = pushBlob(repository, config);
        blobs.add(configDigest);
        for (int i = 0; i < layers; i++) {
            Digest layer = pushGeneratedBlob(
                    repository, layerSize, ThreadLocalRandom.current().nextLong());
            blobs.add(layer);
            descriptors.add(descriptor(OCI_LAYER, layer, layerSize));
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
                + descriptor(OCI_CONFIG, configDigest, config.length) + ",\"layers\":[" + String.join(",", descriptors)
                + "]}";
        Digest digest = pushManifest(repository, tag, OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        return new PushedImage(registry, repository, tag, digest, OCI_MANIFEST, List.of(), blobs, layers * layerSize);
    }

    private PushedImage pushImage(
            String repository,
            String tag,
            int layers,
            int layerSize,
            String manifestType,
            String configType,
            String layerType,
            String architecture) {
        byte[] config = config(architecture);
        Digest configDigest = pushBlob(repository, config);
        List<Digest> blobs = new ArrayList<>(List.of(configDigest));
        List<String> layerDescriptors = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            byte[] layer = randomBytes(layerSize);
            Digest layerDigest = pushBlob(repository, layer);
            blobs.add(layerDigest);
            layerDescriptors.add(descriptor(layerType, layerDigest, layer.length));
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + manifestType + "\",\"config\":"
                + descriptor(configType, configDigest, config.length) + ",\"layers\":["
                + String.join(",", layerDescriptors) + "]}";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        Digest digest = pushManifest(repository, tag == null ? null : tag, manifestType, bytes);
        return new PushedImage(
                registry, repository, tag, digest, manifestType, List.of(), blobs, (long) layers * layerSize);
    }

    private String child(PushedImage image, String architecture) {
        return "{\"mediaType\":\"" + image.mediaType() + "\",\"digest\":\"" + image.digest() + "\",\"size\":"
                + manifestBytes(image.repository(), image.digest().toString()).length
                + ",\"platform\":{\"architecture\":\"" + architecture + "\",\"os\":\"linux\"}}";
    }

    private static String descriptor(String mediaType, Digest digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private static byte[] config(String architecture) {
        return ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Env\":[\"NONCE="
                        + ThreadLocalRandom.current().nextLong()
                        + "\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Monolithic upload: POST, then PUT with the content and its digest. */
    public Digest pushBlob(String repository, byte[] content) {
        Digest digest = Digest.sha256(content);
        URI session = startUpload(repository);
        HttpResponse<String> put = send(
                HttpRequest.newBuilder(withDigest(session, digest))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)),
                "PUT blob " + digest);
        expect(put, 201);
        return digest;
    }

    /** Streams {@code size} pseudo-random bytes from {@code seed} in one PATCH, then commits with their digest. */
    public Digest pushGeneratedBlob(String repository, long size, long seed) {
        URI session = startUpload(repository);
        GeneratedStream content = new GeneratedStream(size, seed);
        HttpResponse<String> patch = send(
                HttpRequest.newBuilder(session)
                        .header("Content-Type", "application/octet-stream")
                        .method("PATCH", InputStreamPublisher.bodyOf(content, size)),
                "PATCH generated blob");
        expect(patch, 202);
        Digest digest = content.digest();
        URI location = base.resolve(patch.headers().firstValue("Location").orElseThrow());
        expect(
                send(
                        HttpRequest.newBuilder(withDigest(location, digest)).PUT(HttpRequest.BodyPublishers.noBody()),
                        "PUT generated blob"),
                201);
        return digest;
    }

    public Digest pushManifest(String repository, String tag, String mediaType, byte[] bytes) {
        Digest digest = Digest.sha256(bytes);
        String reference = tag == null ? digest.toString() : tag;
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + reference))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                "PUT manifest " + repository + ":" + reference);
        expect(response, 201);
        return digest;
    }

    /** The digest a tag points at (sha256 of the manifest bytes), or empty when the tag does not exist. */
    public Optional<Digest> tagDigest(String repository, String tag) {
        HttpResponse<byte[]> response = get("/v2/" + repository + "/manifests/" + tag);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET manifest " + repository + ":" + tag + ": " + response.statusCode());
        }
        return Optional.of(Digest.sha256(response.body()));
    }

    public byte[] manifestBytes(String repository, String reference) {
        HttpResponse<byte[]> response = get("/v2/" + repository + "/manifests/" + reference);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET manifest " + repository + ":" + reference + ": " + response.statusCode());
        }
        return response.body();
    }

    public String manifestMediaType(String repository, String reference) {
        return get("/v2/" + repository + "/manifests/" + reference)
                .headers()
                .firstValue("Content-Type")
                .orElse(null);
    }

    public boolean blobExists(String repository, Digest digest) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        return send(request, "HEAD blob").statusCode() == 200;
    }

    private HttpResponse<byte[]> get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", ACCEPT)
                .GET();
        authorize(request, path);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI startUpload(String repository) {
        HttpResponse<String> post = send(
                HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                "POST upload to " + repository);
        expect(post, 202);
        return base.resolve(post.headers().firstValue("Location").orElseThrow());
    }

    private static URI withDigest(URI location, Digest digest) {
        String separator = location.getRawQuery() == null ? "?" : "&";
        return URI.create(
                location + separator + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
    }

    private void authorize(HttpRequest.Builder request, String path) {
        if (tokens != null) {
            String repository = path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs)/.*$", "");
            request.header(
                    "Authorization",
                    "Bearer " + tokens.issue(user, List.of("repository:" + repository + ":pull,push")));
        } else if (authorization != null) {
            request.header("Authorization", authorization);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        authorize(request, request.build().uri().getPath());
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " to " + registry + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + ": expected " + status
                    + ", got " + response.statusCode() + " " + response.body());
        }
    }

    /** Pseudo-random bytes from a seed, hashed as they are read. */
    private static final class GeneratedStream extends InputStream {
        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

        private final SplittableRandom random;
        private final MessageDigest sha256;
        private long remaining;

        GeneratedStream(long size, long seed) {
            this.random = new SplittableRandom(seed);
            this.remaining = size;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                LONGS.set(buffer, offset + i, random.nextLong());
            }
            for (long value = random.nextLong(); i < n; i++, value >>>= 8) {
                buffer[offset + i] = (byte) value;
            }
            sha256.update(buffer, offset, n);
            remaining -= n;
            return n;
        }

        Digest digest() {
            if (remaining != 0) {
                throw new IllegalStateException("stream not fully read");
            }
            return Digest.parse("sha256:" + HexFormat.of().formatHex(sha256.digest()));
        }
    }
}
