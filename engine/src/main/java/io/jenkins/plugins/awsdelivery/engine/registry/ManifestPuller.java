package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Reads manifests by tag or digest, keeping the bytes and media type exactly.
 *
 * <p>{@code GET /v2/<name>/manifests/<reference>} and {@code HEAD /v2/<name>/manifests/<reference>} with
 * {@code Accept} listing Docker v2 schema 2, Docker manifest list, OCI manifest and OCI index.
 */
final class ManifestPuller {
    private static final String ACCEPT = String.join(", ", MediaTypes.MANIFESTS);

    private final RegistryHttp http;
    private final String repository;

    ManifestPuller(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    /** The manifest; when {@code reference} is a digest, the bytes are checked against it. */
    ImageManifest pull(String reference) {
        return pull(reference, true).orElseThrow();
    }

    /** {@link #pull}, or empty when the registry does not have it (one {@code GET}, no {@code HEAD} first). */
    Optional<ImageManifest> pullIfPresent(String reference) {
        return pull(reference, false);
    }

    private Optional<ImageManifest> pull(String reference, boolean required) {
        String what = http.registry() + "/" + repository + (reference.contains(":") ? "@" : ":") + reference;
        String action = "reading manifest " + what;
        RetryPolicy policy = http.transport().retryPolicy();
        HttpResponse<InputStream> response;
        byte[] bytes;
        // A body that breaks off or stalls after the headers is retried like a failed connection: send's timeout only
        // covers the headers.
        for (int attempt = 1; ; attempt++) {
            response = http.send(action, () -> request(reference).GET(), true);
            if (response.statusCode() == 404 && !required) {
                HttpResponses.discard(response);
                return Optional.empty();
            }
            if (response.statusCode() == 404) {
                String detail = http.failure("", response).getMessage().replaceFirst("^: ", "");
                throw new RegistryException(
                        "manifest " + what + " not found (" + detail + "); check the repository and tag", 404, null);
            }
            if (response.statusCode() != 200) {
                throw http.failure(action, response);
            }
            long declared =
                    response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > ImageManifest.MAX_SIZE) {
                HttpResponses.discard(response);
                throw new RegistryException(action + ": the manifest has " + declared + " bytes, more than the "
                        + ImageManifest.MAX_SIZE + " bytes allowed");
            }
            try (InputStream body = new StallWatchdog(
                    response.body(),
                    policy.stallTimeout(),
                    policy.transferDeadline(ImageManifest.MAX_SIZE),
                    http.transport().watchdog(),
                    action)) {
                bytes = body.readNBytes(ImageManifest.MAX_SIZE + 1);
                break;
            } catch (IOException e) {
                if (attempt >= policy.maxAttempts()) {
                    throw new RegistryException(
                            action + ": reading the body failed after " + attempt + " attempts: " + Causes.describe(e),
                            0,
                            e);
                }
                http.transport()
                        .events()
                        .debug(action + ": reading the body failed (" + Causes.describe(e) + "); retrying");
                policy.pause(attempt, null);
            }
        }
        if (bytes.length > ImageManifest.MAX_SIZE) {
            throw new RegistryException(
                    action + ": the manifest is larger than the " + ImageManifest.MAX_SIZE + " bytes allowed");
        }
        // By digest, the bytes are checked before they are parsed: altered content is named as such, whatever it holds.
        if (reference.contains(":")) {
            Digest expected = Digest.parse(reference);
            Digest actual =
                    Digest.of(expected.algorithm(), expected.newMessageDigest().digest(bytes));
            if (!actual.equals(expected)) {
                throw new RegistryException(action + ": the registry sent content with digest " + actual
                        + " instead of " + expected + "; the registry or a proxy altered the manifest");
            }
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        ImageManifest manifest;
        try {
            manifest = ImageManifest.of(bytes, contentType);
        } catch (RegistryException e) {
            throw new RegistryException(action + ": " + e.getMessage(), 0, e);
        }
        return Optional.of(manifest);
    }

    /** The digest the registry reports for a tag or digest, or empty when it does not exist. */
    Optional<Digest> head(String reference) {
        String action = "checking manifest " + http.registry() + "/" + repository + " " + reference;
        HttpResponse<InputStream> response =
                http.send(action, () -> request(reference).method("HEAD", HttpRequest.BodyPublishers.noBody()), true);
        HttpResponses.discard(response);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw http.failure(action, response);
        }
        Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
        if (header.isPresent()) {
            return Optional.of(Digest.parse(header.get().trim()));
        }
        // Some registries omit the header on HEAD; the content itself is the authority.
        return Optional.of(pull(reference).digest());
    }

    private HttpRequest.Builder request(String reference) {
        return HttpRequest.newBuilder(http.uri("/v2/" + repository + "/manifests/" + reference))
                .timeout(http.transport().retryPolicy().responseTimeout())
                .header("Accept", ACCEPT);
    }
}
