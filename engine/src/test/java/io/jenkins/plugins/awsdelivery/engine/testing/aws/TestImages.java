package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Writes a tiny image (a config blob and a manifest without layers) straight into a registry over its HTTP API, for
 * tests of the control plane that need an image but not a docker build.
 */
public final class TestImages {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestImages() {}

    /** Pushes an image whose config carries {@code marker} to {@code registry/repository:tag}; returns its digest. */
    public static Digest push(URI registry, String repository, String tag, String marker)
            throws IOException, InterruptedException {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"marker\":\"" + marker
                        + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        HttpResponse<Void> started = HTTP.send(
                HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        check(started, 202);
        String location = started.headers().firstValue("Location").orElseThrow();
        URI upload = registry.resolve(location);
        String separator = upload.getRawQuery() == null ? "?" : "&";
        check(
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + configDigest))
                                .header("Content-Type", "application/octet-stream")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(config))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()),
                201);
        byte[] manifest =
                ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":"
                                + config.length + ",\"digest\":\"" + configDigest + "\"},\"layers\":[]}")
                        .getBytes(StandardCharsets.UTF_8);
        check(
                HTTP.send(
                        HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/manifests/" + tag))
                                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()),
                201);
        return Digest.sha256(manifest);
    }

    private static void check(HttpResponse<Void> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    response.request().method() + " " + response.uri() + " answered " + response.statusCode());
        }
    }
}
