package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Writes a manifest with its original bytes and media type, so the registry computes the same digest.
 *
 * <p>{@code PUT /v2/<name>/manifests/<tag or digest>} with {@code Content-Type: <media type>}; 201 Created.
 */
final class ManifestPusher {
    private final RegistryHttp http;
    private final String repository;

    ManifestPusher(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    void push(ImageManifest manifest, String reference) {
        put(manifest, reference, "writing manifest " + manifest.digest());
    }

    /**
     * @param what the start of the error message, e.g. {@code writing manifest sha256:…}
     * @return the headers of the registry's answer
     */
    java.net.http.HttpHeaders put(ImageManifest manifest, String reference, String what) {
        byte[] bytes = manifest.bytes();
        String action =
                what + " to " + http.registry() + "/" + repository + (reference.contains(":") ? "@" : ":") + reference;
        HttpResponse<InputStream> response = http.send(
                action,
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repository + "/manifests/" + reference))
                        .timeout(http.transport().retryPolicy().responseTimeout())
                        .header("Content-Type", manifest.mediaType())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                true);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw http.failure(action, response);
        }
        HttpResponses.discard(response);
        String stored = response.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (stored != null && !Digest.parse(stored.trim()).equals(manifest.digest())) {
            throw new RegistryException(action + ": the registry stored it as " + stored.trim()
                    + ", a different digest; it rewrote the manifest");
        }
        return response.headers();
    }
}
