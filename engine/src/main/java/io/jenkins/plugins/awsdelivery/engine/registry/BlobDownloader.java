package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Streams a blob without holding it in memory, verified against its descriptor as it is read.
 *
 * <p>{@code GET /v2/<name>/blobs/<digest>}; 200 with the content, or 307/302 to storage (S3 for ECR), which is
 * followed without the registry's {@code Authorization} header.
 */
final class BlobDownloader {
    private static final int MAX_REDIRECTS = 5;

    private final RegistryHttp http;
    private final String repository;

    BlobDownloader(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    InputStream open(Descriptor blob) throws IOException {
        String action = "reading blob " + blob.digest() + " from " + http.registry() + "/" + repository;
        RetryPolicy policy = http.transport().retryPolicy();
        HttpResponse<InputStream> response = http.sendBlob(
                action,
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repository + "/blobs/" + blob.digest()))
                        .timeout(policy.responseTimeout())
                        .GET(),
                true);
        for (int redirects = 0; isRedirect(response.statusCode()); redirects++) {
            String location = response.headers().firstValue("Location").orElse(null);
            HttpResponses.discard(response);
            if (location == null || redirects == MAX_REDIRECTS) {
                throw new RegistryException(action + ": broken redirect (HTTP " + response.statusCode() + ")");
            }
            URI target = redirectTarget(response.uri(), location, action);
            try {
                response = http.transport()
                        .send(
                                HttpRequest.newBuilder(target)
                                        .timeout(policy.responseTimeout())
                                        .GET()
                                        .build(),
                                true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationAbortedException(action);
            }
        }
        if (response.statusCode() != 200) {
            RegistryException failure = http.failure(action, response);
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                throw new IOException(failure.getMessage(), failure);
            }
            throw failure;
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length >= 0 && length != blob.size()) {
            HttpResponses.discard(response);
            throw new RegistryException(action + ": the registry sends " + length + " bytes but the manifest says "
                    + blob.size() + "; the source is inconsistent");
        }
        InputStream watched = new StallWatchdog(
                response.body(),
                policy.stallTimeout(),
                policy.transferDeadline(blob.size()),
                http.transport().watchdog(),
                action);
        return new VerifyingInputStream(watched, blob);
    }

    /**
     * Storage redirects are followed over HTTP(S) only, and never from HTTPS to plain HTTP: a registry that sends the
     * client to {@code file:} or downgrades the connection is refused, naming the registry.
     */
    private URI redirectTarget(URI from, String location, String action) {
        URI target;
        try {
            target = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new RegistryException(action + ": registry " + http.registry() + " redirected to an unusable URL");
        }
        Origin origin = Origin.of(target);
        if (origin == null || !origin.isHttp()) {
            throw new RegistryException(action + ": registry " + http.registry() + " redirected to a URL that is not"
                    + " HTTP(S) (" + target.getScheme() + ":); refusing to follow it");
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && origin.scheme().equals("http")) {
            throw new RegistryException(action + ": registry " + http.registry() + " redirected to plain HTTP ("
                    + origin + "); refusing to leave HTTPS");
        }
        return target;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
