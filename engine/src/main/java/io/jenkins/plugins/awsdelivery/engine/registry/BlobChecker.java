package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Whether a repository already has a blob. {@code HEAD /v2/<name>/blobs/<digest>}: 200 (or a redirect) yes, 404 no. */
final class BlobChecker {
    private final RegistryHttp http;
    private final String repository;

    BlobChecker(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    boolean exists(Digest digest) {
        String action = "checking blob " + digest + " in " + http.registry() + "/" + repository;
        HttpResponse<InputStream> response = http.send(
                action,
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repository + "/blobs/" + digest))
                        .timeout(http.transport().retryPolicy().responseTimeout())
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
                true);
        HttpResponses.discard(response);
        int status = response.statusCode();
        if (status == 200 || status == 307 || status == 302) {
            // Some registries answer with a redirect to the storage that holds it.
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw http.failure(action, response);
    }
}
