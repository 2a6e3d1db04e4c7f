package io.jenkins.plugins.awsdelivery.engine.build;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredential;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a registry that takes basic authentication (ECR does) whether it still accepts a login: {@code GET /v2/}
 * with it, where 401 means no. Loopback registries are asked over plain HTTP, others over HTTPS.
 */
final class RegistryLoginCheck {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    // GET /v2/
    boolean accepts(String registry, RegistryCredential login) {
        URI base = URI.create((ImageReference.isLoopbackRegistry(registry) ? "http://" : "https://") + registry);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", login.basicAuthorization())
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 401;
        } catch (IOException e) {
            return true; // Unknown: let the push itself report what is wrong.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
