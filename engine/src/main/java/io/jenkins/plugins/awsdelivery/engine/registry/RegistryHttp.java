package io.jenkins.plugins.awsdelivery.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The HTTP conversation with one registry for one credential and set of scopes: finds the scheme (HTTPS, or plain
 * HTTP where allowed), answers the authentication challenge of {@code GET /v2/}, adds the {@code Authorization}
 * header, re-authenticates once after a 401 with a refreshed credential, and retries connection errors, 5xx and 429.
 */
final class RegistryHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 16 * 1024;
    /** A plain-HTTP server answers a TLS handshake at once (or not at all); no need to wait long to find out. */
    private static final Duration HTTPS_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final RegistryTransport transport;
    private final String registry;
    private final RegistryCredentialProvider credentials;
    private final List<String> scopes;
    private final TokenAuthenticator tokens;
    private final Object lock = new Object();

    private volatile URI base;
    private volatile String authorization;
    private volatile String credentialUser;

    RegistryHttp(
            RegistryTransport transport, String registry, RegistryCredentialProvider credentials, List<String> scopes) {
        this.transport = transport;
        this.registry = registry;
        this.credentials = credentials;
        this.scopes = List.copyOf(scopes);
        this.tokens = new TokenAuthenticator(transport);
    }

    String registry() {
        return registry;
    }

    RegistryTransport transport() {
        return transport;
    }

    /** {@code https://host[:port]/} or {@code http://...}; connects and authenticates on first use. */
    URI base() {
        ensureReady();
        return base;
    }

    URI uri(String pathAndQuery) {
        return base().resolve(pathAndQuery);
    }

    /** A {@code Location} header, absolute or relative to the registry. */
    URI resolve(String location) {
        return base().resolve(location);
    }

    /**
     * Sends a request built fresh for each attempt (the supplier is called again for retries).
     *
     * @param replayable false for requests whose body is a one-time stream: sent once, no retry and no
     *     re-authentication; the caller retries the whole operation
     * @return the response, whatever its status after retries; the caller checks it and closes the body
     */
    HttpResponse<InputStream> send(String action, Supplier<HttpRequest.Builder> request, boolean replayable) {
        ensureReady();
        RetryPolicy policy = transport.retryPolicy();
        int attempts = replayable ? policy.maxAttempts() : 1;
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder builder = request.get();
            String header = authorization;
            if (header != null) {
                builder.header("Authorization", header);
            }
            HttpResponse<InputStream> response;
            try {
                response = transport.http().send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt < attempts) {
                    transport.events().debug(action + ": " + e + "; retrying (attempt " + (attempt + 1) + ")");
                    policy.pause(attempt, null);
                    continue;
                }
                throw new RegistryException(action + ": connection to " + registry + " failed: " + describe(e), 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(action + ": interrupted");
            }
            int status = response.statusCode();
            if (status == 401 && !reauthenticated && replayable) {
                reauthenticated = true;
                discard(response);
                authenticate(
                        AuthChallenge.parse(response.headers()
                                .firstValue("WWW-Authenticate")
                                .orElse(null)),
                        credentials.refreshedCredential());
                attempt--;
                continue;
            }
            if (status == 401 && !replayable) {
                // The stream is spent; renew the authorization so that the caller's next attempt carries a valid one
                // (a bearer token can expire in the middle of a long upload).
                authenticate(
                        AuthChallenge.parse(response.headers()
                                .firstValue("WWW-Authenticate")
                                .orElse(null)),
                        credentials.refreshedCredential());
                return response;
            }
            if ((status >= 500 || status == 429) && attempt < attempts) {
                discard(response);
                transport.events().debug(action + ": HTTP " + status + "; retrying (attempt " + (attempt + 1) + ")");
                policy.pause(attempt, retryAfter(response));
                continue;
            }
            return response;
        }
    }

    /** The error for a response the caller did not expect; reads and closes its body. */
    RegistryException failure(String action, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        String detail = "";
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
            detail = errorDetail(bytes);
        } catch (IOException e) {
            // The status alone still says what happened.
        }
        StringBuilder message = new StringBuilder(action).append(": HTTP ").append(status);
        if (!detail.isEmpty()) {
            message.append(' ').append(detail);
        }
        switch (status) {
            case 401 ->
                message.append("; the registry ")
                        .append(registry)
                        .append(
                                credentialUser == null
                                        ? " needs credentials"
                                        : " rejected the credentials of user " + credentialUser
                                                + "; check user name and password");
            case 403 ->
                message.append("; the credentials for ")
                        .append(registry)
                        .append(" lack the permission for this operation");
            case 429 -> message.append("; the registry is limiting requests, try again later");
            default -> {}
        }
        return new RegistryException(message.toString(), status, null);
    }

    static void discard(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // Nothing to keep from a response we throw away.
        }
    }

    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }

    private static String errorDetail(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        try {
            JsonNode errors = JSON.readTree(bytes).path("errors");
            if (errors.isArray() && errors.size() > 0) {
                StringBuilder text = new StringBuilder();
                for (JsonNode error : errors) {
                    if (text.length() > 0) {
                        text.append("; ");
                    }
                    text.append(error.path("code").asText(""))
                            .append(' ')
                            .append(error.path("message").asText(""));
                }
                return text.toString().trim();
            }
        } catch (IOException | RuntimeException e) {
            // Not the registry's JSON error format; fall through to the status alone.
        }
        return "";
    }

    private void ensureReady() {
        if (base != null) {
            return;
        }
        synchronized (lock) {
            if (base != null) {
                return;
            }
            String host = Hosts.apiHost(registry);
            URI https = URI.create("https://" + host + "/");
            HttpResponse<InputStream> ping;
            URI chosen = https;
            if (transport.allowsPlainHttp(registry)) {
                try {
                    ping = ping(https, 1, HTTPS_PROBE_TIMEOUT);
                } catch (RegistryException httpsFailed) {
                    if (hasCause(httpsFailed, CertificateException.class)) {
                        throw httpsFailed;
                    }
                    chosen = URI.create("http://" + host + "/");
                    ping = ping(chosen, transport.retryPolicy().maxAttempts(), null);
                }
            } else {
                ping = ping(https, transport.retryPolicy().maxAttempts(), null);
            }
            int status = ping.statusCode();
            discard(ping);
            if (status == 401) {
                authenticate(
                        AuthChallenge.parse(
                                ping.headers().firstValue("WWW-Authenticate").orElse(null)),
                        credentials.credential());
            } else if (status != 200) {
                throw new RegistryException(
                        "GET " + chosen + "v2/ answered HTTP " + status + "; " + registry
                                + " does not look like an OCI registry (check host and port)",
                        status,
                        null);
            }
            base = chosen;
        }
    }

    /** @param timeout null: the policy's response timeout */
    private HttpResponse<InputStream> ping(URI root, int attempts, Duration timeout) {
        RetryPolicy policy = transport.retryPolicy();
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(root.resolve("/v2/"))
                    .GET()
                    .timeout(timeout == null ? policy.responseTimeout() : timeout)
                    .build();
            try {
                HttpResponse<InputStream> response =
                        transport.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
                if ((response.statusCode() >= 500 || response.statusCode() == 429) && attempt < attempts) {
                    discard(response);
                    policy.pause(attempt, retryAfter(response));
                    continue;
                }
                return response;
            } catch (IOException e) {
                if (hasCause(e, CertificateException.class)) {
                    throw new RegistryException(
                            "the TLS certificate of " + registry + " is not trusted (" + describe(e)
                                    + "); add its certificate authority with --ca-file, or fix the certificate",
                            0,
                            e);
                }
                if (attempt < attempts && !(e instanceof SSLException)) {
                    policy.pause(attempt, null);
                    continue;
                }
                throw new RegistryException(
                        "cannot reach registry " + registry + " at " + root + "v2/: " + describe(e)
                                + (transport.allowsPlainHttp(registry) || !"https".equals(root.getScheme())
                                        ? ""
                                        : "; if it serves plain HTTP, name it with --insecure-registry " + registry),
                        0,
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted while connecting to " + registry);
            }
        }
    }

    private void authenticate(AuthChallenge challenge, RegistryCredential credential) {
        credentialUser = credential.username();
        if (challenge.isBearer()) {
            authorization = "Bearer " + tokens.token(registry, challenge, scopes, credential);
        } else {
            authorization = credential.isAnonymous() ? null : credential.basicAuthorization();
        }
    }

    static String describe(Throwable e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused or timed out (ConnectException)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no response in time (" + e.getMessage() + ")";
        }
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return describe(cause);
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
