package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The HTTP conversation with one registry for one credential and set of scopes: finds the scheme (HTTPS, or plain
 * HTTP where allowed), answers the authentication challenge of {@code GET /v2/}, adds the {@code Authorization}
 * header, re-authenticates once after a 401 with a refreshed credential, and retries connection errors, 5xx and 429.
 *
 * <p>The {@code Authorization} header goes only to the registry's own {@link Origin}. A URL the registry hands back
 * ({@code Location} of an upload session) on another host gets the request without it; one that would leave HTTPS
 * for plain HTTP, or HTTP altogether, is refused. Messages built from the registry's answers are masked with every
 * secret this conversation used.
 */
final class RegistryHttp {
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
    private volatile Origin origin;
    private volatile String authorization;
    private volatile String credentialUser;
    private volatile SecretMasker masker = SecretMasker.patternsOnly();

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

    /**
     * A {@code Location} header, absolute or relative to the registry.
     *
     * @throws RegistryException when it is not HTTP(S), or leaves the registry's HTTPS for plain HTTP
     */
    URI resolve(String location, String action) {
        URI resolved;
        try {
            resolved = base().resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new RegistryException(action + ": registry " + registry + " answered with an unusable Location");
        }
        Origin target = Origin.of(resolved);
        if (target == null || !target.isHttp()) {
            throw new RegistryException(action + ": registry " + registry + " sent a Location that is not an HTTP(S)"
                    + " URL (" + resolved.getScheme() + ":); refusing to follow it");
        }
        if (origin.scheme().equals("https") && target.scheme().equals("http")) {
            throw new RegistryException(action + ": registry " + registry + " sent a Location on plain HTTP (" + target
                    + "); refusing to leave HTTPS");
        }
        if (!target.equals(origin)) {
            transport
                    .events()
                    .debug(action + ": " + registry + " hands over to " + target + "; sending no credentials");
        }
        return resolved;
    }

    /** The text with every secret of this conversation and every credential-looking value masked. */
    String mask(String text) {
        return masker.mask(text);
    }

    /**
     * Sends a request built fresh for each attempt (the supplier is called again for retries).
     *
     * @param replayable false for requests whose body is a one-time stream: sent once, no retry and no
     *     re-authentication; the caller retries the whole operation
     * @return the response, whatever its status after retries; the caller checks it and closes the body
     */
    HttpResponse<InputStream> send(String action, Supplier<HttpRequest.Builder> request, boolean replayable) {
        return send(action, request, replayable, false);
    }

    /** {@link #send} for a blob's content, which may go over the transport's own connections. */
    HttpResponse<InputStream> sendBlob(String action, Supplier<HttpRequest.Builder> request, boolean replayable) {
        return send(action, request, replayable, true);
    }

    private HttpResponse<InputStream> send(
            String action, Supplier<HttpRequest.Builder> request, boolean replayable, boolean blob) {
        ensureReady();
        RetryPolicy policy = transport.retryPolicy();
        int attempts = replayable ? policy.maxAttempts() : 1;
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder builder = request.get();
            String header = authorization;
            HttpRequest built = builder.build();
            if (header != null && origin.equals(Origin.of(built.uri()))) {
                built = HttpRequest.newBuilder(built, (name, value) -> true)
                        .header("Authorization", header)
                        .build();
            }
            HttpResponse<InputStream> response;
            try {
                response = transport.send(built, blob);
            } catch (IOException e) {
                if (attempt < attempts) {
                    transport.events().debug(mask(action + ": " + e + "; retrying (attempt " + (attempt + 1) + ")"));
                    policy.pause(attempt, null);
                    continue;
                }
                throw new RegistryException(
                        mask(action + ": connection to " + registry + " failed: " + Causes.describe(e)), 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationAbortedException(action);
            }
            int status = response.statusCode();
            if (status == 401 && !reauthenticated && replayable) {
                reauthenticated = true;
                HttpResponses.discard(response);
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
                HttpResponses.discard(response);
                transport.events().debug(action + ": HTTP " + status + "; retrying (attempt " + (attempt + 1) + ")");
                policy.pause(attempt, HttpResponses.retryAfter(response));
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
            detail = HttpResponses.errorDetail(bytes);
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
        return new RegistryException(mask(message.toString()), status, null);
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
                    if (Causes.has(httpsFailed, CertificateException.class)) {
                        throw httpsFailed;
                    }
                    chosen = URI.create("http://" + host + "/");
                    ping = ping(chosen, transport.retryPolicy().maxAttempts(), null);
                }
            } else {
                ping = ping(https, transport.retryPolicy().maxAttempts(), null);
            }
            int status = ping.statusCode();
            HttpResponses.discard(ping);
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
            origin = Origin.of(chosen);
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
                    HttpResponses.discard(response);
                    policy.pause(attempt, HttpResponses.retryAfter(response));
                    continue;
                }
                return response;
            } catch (IOException e) {
                if (Causes.has(e, CertificateException.class)) {
                    throw new RegistryException(
                            "the TLS certificate of " + registry + " is not trusted (" + Causes.describe(e)
                                    + "); add its certificate authority with --ca-file, or fix the certificate",
                            0,
                            e);
                }
                if (attempt < attempts && !(e instanceof SSLException)) {
                    policy.pause(attempt, null);
                    continue;
                }
                throw new RegistryException(
                        "cannot reach registry " + registry + " at " + root + "v2/: " + Causes.describe(e)
                                + (transport.allowsPlainHttp(registry) || !"https".equals(root.getScheme())
                                        ? ""
                                        : "; if it serves plain HTTP, name it with --insecure-registry " + registry),
                        0,
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationAbortedException("connecting to " + registry);
            }
        }
    }

    private void authenticate(AuthChallenge challenge, RegistryCredential credential) {
        credentialUser = credential.username();
        List<String> secrets = new ArrayList<>();
        if (!credential.isAnonymous()) {
            secrets.add(credential.password());
            secrets.add(credential.username() + ":" + credential.password());
        }
        masker = masker.and(secrets);
        if (challenge.isBearer()) {
            String token = tokens.token(registry, challenge, scopes, credential);
            masker = masker.and(List.of(token));
            authorization = "Bearer " + token;
        } else {
            authorization = credential.isAnonymous() ? null : credential.basicAuthorization();
        }
    }
}
