package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Asks a registry to link a blob from another repository it holds, which moves no content.
 *
 * <p>{@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other name>}: 201 mounted; 202 not mounted, with an
 * upload session in {@code Location} to upload into instead.
 */
final class BlobMounter {
    private final RegistryHttp http;
    private final String repository;

    BlobMounter(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    /** Empty when mounted; otherwise the upload session the registry opened instead. */
    Optional<URI> mount(Digest digest, String fromRepository) {
        String action =
                "mounting blob " + digest + " from " + fromRepository + " into " + http.registry() + "/" + repository;
        String query = "?mount=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8) + "&from="
                + URLEncoder.encode(fromRepository, StandardCharsets.UTF_8);
        HttpResponse<InputStream> response = http.send(
                action,
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repository + "/blobs/uploads/" + query))
                        .timeout(http.transport().retryPolicy().responseTimeout())
                        .POST(HttpRequest.BodyPublishers.noBody()),
                true);
        if (response.statusCode() == 201) {
            HttpResponses.discard(response);
            return Optional.empty();
        }
        if (response.statusCode() == 202) {
            HttpResponses.discard(response);
            String location = response.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new RegistryException(action + ": 202 without an upload Location"));
            return Optional.of(http.resolve(location, action));
        }
        throw http.failure(action, response);
    }
}
