package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Uploads a blob from a stream, never holding it in memory.
 *
 * <ul>
 *   <li>{@code POST /v2/<name>/blobs/uploads/} opens a session (202, {@code Location});
 *   <li>{@code PATCH <location>} sends the content, in one request or in chunks with {@code Content-Range}
 *       (202, next {@code Location});
 *   <li>{@code PUT <location>?digest=<digest>} commits it (201); a monolithic upload sends the content here instead;
 *   <li>{@code DELETE <location>} cancels a session after any failure, at its latest {@code Location}.
 * </ul>
 *
 * The content is verified against the descriptor while it streams; the commit is sent only when it matched.
 */
final class BlobUploader {
    private final RegistryHttp http;
    private final String repository;

    BlobUploader(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    URI start(Descriptor blob) {
        String action = "starting the upload of blob " + blob.digest() + " to " + where();
        HttpResponse<InputStream> response = http.send(
                action,
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repository + "/blobs/uploads/"))
                        .timeout(http.transport().retryPolicy().responseTimeout())
                        .POST(HttpRequest.BodyPublishers.noBody()),
                true);
        if (response.statusCode() != 202) {
            throw http.failure(action, response);
        }
        HttpResponses.discard(response);
        return http.resolve(location(response, action), action);
    }

    /**
     * Streams the content into the session and commits it; cancels the session when anything fails.
     *
     * @throws IOException when the stream or connection failed (worth a new attempt)
     * @throws RegistryException when the registry refused (not worth one)
     */
    void upload(URI session, Descriptor blob, BlobSource source) throws IOException {
        String action = "uploading blob " + blob.digest() + " (" + blob.size() + " bytes) to " + where();
        boolean committed = false;
        // Each PATCH answer carries the session's next Location; distribution refuses a DELETE with an older one.
        URI location = session;
        try (InputStream content = source.open()) {
            VerifyingInputStream verified =
                    content instanceof VerifyingInputStream v ? v : new VerifyingInputStream(content, blob);
            if (http.transport().monolithicUploads()) {
                commit(location, blob, verified, action);
            } else {
                long chunkSize = http.transport().uploadChunkSize();
                long offset = 0;
                while (offset < blob.size()) {
                    long length = chunkSize == 0 ? blob.size() : Math.min(chunkSize, blob.size() - offset);
                    location = patch(location, verified, offset, length, chunkSize != 0, action);
                    offset += length;
                }
                if (blob.size() == 0) {
                    verified.read(new byte[1], 0, 1);
                }
                if (!verified.verified()) {
                    throw new BlobVerificationException(action + ": the content was not verified; not committing it");
                }
                commit(location, blob, null, action);
            }
            committed = true;
        } finally {
            if (!committed) {
                cancel(location);
            }
        }
    }

    // PATCH <location> with Content-Range <offset>-<last> (chunked) or the whole content; 202 and the next Location.
    private URI patch(
            URI location, VerifyingInputStream content, long offset, long length, boolean ranged, String action)
            throws IOException {
        InputStream chunk = new BoundedInputStream(content, length);
        HttpRequest.Builder request = HttpRequest.newBuilder(location)
                .timeout(uploadDeadline(length))
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", new StreamedBody(chunk, length));
        if (ranged) {
            request.header("Content-Range", offset + "-" + (offset + length - 1));
        }
        HttpResponse<InputStream> response = sendStreaming(action, request, true);
        if (response.statusCode() != 202) {
            throw uploadFailure(action, response);
        }
        HttpResponses.discard(response);
        return http.resolve(location(response, action), action);
    }

    // PUT <location>?digest=<digest>, with the content for a monolithic upload (verified before its last byte is
    // handed over), else empty after the PATCH requests verified it; 201 Created.
    private void commit(URI location, Descriptor blob, VerifyingInputStream content, String action) throws IOException {
        String separator = location.getRawQuery() == null ? "?" : "&";
        URI target = URI.create(location + separator + "digest="
                + URLEncoder.encode(blob.digest().toString(), StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).header("Content-Type", "application/octet-stream");
        if (content == null) {
            request.timeout(http.transport().retryPolicy().responseTimeout()).PUT(HttpRequest.BodyPublishers.noBody());
        } else {
            request.timeout(uploadDeadline(blob.size())).PUT(new StreamedBody(content, blob.size()));
        }
        // An empty commit is a small request like any other: the JDK client's pooled connection serves it.
        HttpResponse<InputStream> response = sendStreaming(action, request, content != null);
        if (response.statusCode() != 201) {
            throw uploadFailure(action, response);
        }
        HttpResponses.discard(response);
    }

    /**
     * PATCH and PUT carry a one-time stream, so {@link RegistryHttp} does not retry them: a 5xx, 429 or 401 becomes an
     * {@link IOException} so that the caller retries the whole upload in a new session, as for a broken connection.
     */
    private RegistryException uploadFailure(String action, HttpResponse<InputStream> response) throws IOException {
        RegistryException failure = http.failure(action, response);
        // 401: the authorization expired midway and has been renewed; the next attempt uses the new one.
        if (failure.statusCode() >= 500 || failure.statusCode() == 429 || failure.statusCode() == 401) {
            throw new IOException(failure.getMessage(), failure);
        }
        return failure;
    }

    private HttpResponse<InputStream> sendStreaming(String action, HttpRequest.Builder request, boolean carriesBlob)
            throws IOException {
        try {
            return carriesBlob ? http.sendBlob(action, () -> request, false) : http.send(action, () -> request, false);
        } catch (RegistryException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof BlobVerificationException verification) {
                    throw new BlobVerificationException(action + ": " + verification.getMessage());
                }
            }
            if (e.statusCode() == 0) {
                throw new IOException(e.getMessage(), e);
            }
            throw e;
        }
    }

    // DELETE <location>: best effort; the registry also expires abandoned sessions.
    void cancel(URI session) {
        // A cancelled parallel copy arrives here interrupted; the DELETE should still go out.
        boolean interrupted = Thread.interrupted();
        try {
            HttpResponse<InputStream> response = http.send(
                    "cancelling an upload to " + where(),
                    () -> HttpRequest.newBuilder(session)
                            .timeout(http.transport().retryPolicy().responseTimeout())
                            .DELETE(),
                    false);
            HttpResponses.discard(response);
        } catch (RuntimeException e) {
            http.transport().events().debug("cancelling an upload to " + where() + " failed: " + e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The whole request, body and answer: the transfer deadline plus the response timeout, so that a source that
     * trickles is named by its own (download) deadline first.
     */
    private java.time.Duration uploadDeadline(long bytes) {
        RetryPolicy policy = http.transport().retryPolicy();
        return policy.transferDeadline(bytes).plus(policy.responseTimeout());
    }

    private String where() {
        return http.registry() + "/" + repository;
    }

    private static String location(HttpResponse<?> response, String action) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new RegistryException(
                        action + ": HTTP " + response.statusCode() + " without the upload Location"));
    }

    /** A window of {@code limit} bytes over a longer stream; closing it leaves the stream open. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.from(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() {}
    }
}
