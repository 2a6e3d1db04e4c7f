package io.jenkins.plugins.awsdelivery.engine.build;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the digest of a pushed tag from the registry itself, never from console output: {@code HEAD
 * /v2/<repository>/manifests/<tag>} accepting Docker v2 and OCI manifests and indexes, answered with
 * {@code Docker-Content-Digest}. Loopback registries are reached over plain HTTP, all others over HTTPS. A 401
 * with the current login is retried once with a {@link RegistryLoginSource#refreshed() refreshed} one.
 */
final class ManifestDigestReader {
    static final String MANIFEST_TYPES = String.join(
            ", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    // HEAD /v2/<name>/manifests/<tag>
    Digest read(ImageReference image, RegistryLoginSource logins) {
        RegistryLogin login = logins.current();
        HttpResponse<Void> response = head(image, login);
        if (response.statusCode() == 401 && login != null) {
            response = head(image, logins.refreshed());
        }
        if (response.statusCode() != 200) {
            throw new DeliveryException("reading the digest of " + image + " back from the registry: HTTP "
                    + response.statusCode()
                    + (response.statusCode() == 401
                            ? "; the registry refused the login, check the credentials"
                            : response.statusCode() == 404 ? "; the pushed tag is not there" : ""));
        }
        String digest = response.headers()
                .firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new DeliveryException("reading the digest of " + image
                        + ": the registry answered without a Docker-Content-Digest header"));
        return Digest.parse("Docker-Content-Digest", digest);
    }

    /** Whether the registry accepts {@code login} ({@code GET /v2/}). */
    boolean accepts(String registry, RegistryLogin login) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base(registry).resolve("/v2/"))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (login != null) {
            request.header("Authorization", login.basicAuthorization());
        }
        return send(request, registry).statusCode() != 401;
    }

    private HttpResponse<Void> head(ImageReference image, RegistryLogin login) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        base(image.registry()).resolve("/v2/" + image.repository() + "/manifests/" + image.reference()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", MANIFEST_TYPES)
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (login != null) {
            request.header("Authorization", login.basicAuthorization());
        }
        return send(request, image.registry());
    }

    private HttpResponse<Void> send(HttpRequest.Builder request, String registry) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryException("cannot reach registry " + registry + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while talking to registry " + registry, e);
        }
    }

    private static URI base(String registry) {
        return URI.create((ImageReference.isLoopbackRegistry(registry) ? "http://" : "https://") + registry);
    }
}
