package io.jenkins.plugins.awsdelivery.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Bearer token from the realm a registry names in its challenge (Docker token protocol).
 *
 * <p>{@code GET <realm>?service=<service>&scope=repository:<name>:pull[,push]...} with basic authentication when
 * there is a credential; the answer is {@code {"token": ...}} or {@code {"access_token": ...}}.
 *
 * <p>The realm is checked on its parsed host and port before any credential goes there: HTTPS, or plain HTTP only to a
 * loopback host or one named as insecure; a realm with user info (which hides the real host behind a name before
 * {@code @}) or without a host is refused.
 */
final class TokenAuthenticator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOKEN_RESPONSE = 1024 * 1024;

    private final RegistryTransport transport;

    TokenAuthenticator(RegistryTransport transport) {
        this.transport = transport;
    }

    String token(String registry, AuthChallenge challenge, Collection<String> scopes, RegistryCredential credential) {
        String realm = challenge.parameters().get("realm");
        if (realm == null || realm.isBlank()) {
            throw new RegistryException(
                    "registry " + registry + " asked for a bearer token but named no realm to get it from");
        }
        Set<String> allScopes = new LinkedHashSet<>(scopes);
        String challengeScope = challenge.parameters().get("scope");
        if (challengeScope != null && !challengeScope.isBlank()) {
            allScopes.add(challengeScope);
        }
        StringBuilder query = new StringBuilder();
        String service = challenge.parameters().get("service");
        if (service != null) {
            query.append("service=").append(encode(service));
        }
        for (String scope : allScopes) {
            query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope));
        }
        URI uri =
                checkedRealm(registry, realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
        Origin realmOrigin = Origin.of(uri);
        SecretMasker masker = credential.isAnonymous()
                ? SecretMasker.patternsOnly()
                : SecretMasker.of(List.of(credential.password(), credential.username() + ":" + credential.password()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(transport.retryPolicy().responseTimeout())
                .header("Accept", "application/json");
        if (!credential.isAnonymous()) {
            request.header("Authorization", credential.basicAuthorization());
        }
        RetryPolicy policy = transport.retryPolicy();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = transport.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt < policy.maxAttempts()) {
                    policy.pause(attempt, null);
                    continue;
                }
                throw new RegistryException(
                        masker.mask("getting a token for " + registry + " from " + realmOrigin + " failed: "
                                + Causes.describe(e)),
                        0,
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationAbortedException("getting a token for " + registry);
            }
            int status = response.statusCode();
            if ((status >= 500 || status == 429) && attempt < policy.maxAttempts()) {
                HttpResponses.discard(response);
                policy.pause(attempt, HttpResponses.retryAfter(response));
                continue;
            }
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_TOKEN_RESPONSE);
                if (status == 401 || status == 403) {
                    throw new RegistryException(
                            "the token service of " + registry + " refused the credentials ("
                                    + (credential.isAnonymous() ? "none given" : "user " + credential.username())
                                    + ") for " + String.join(" ", allScopes) + ": " + status
                                    + "; check the user name and password",
                            status,
                            null);
                }
                if (status != 200) {
                    throw new RegistryException(
                            "getting a token for " + registry + " failed: HTTP " + status, status, null);
                }
                JsonNode json = JSON.readTree(bytes);
                String token = json.path("token").asText("");
                if (token.isEmpty()) {
                    token = json.path("access_token").asText("");
                }
                if (token.isEmpty()) {
                    throw new RegistryException("the token service of " + registry + " answered without a token");
                }
                return token;
            } catch (IOException e) {
                throw new RegistryException(
                        masker.mask("reading the token for " + registry + " failed: " + Causes.describe(e)), status, e);
            }
        }
    }

    private URI checkedRealm(String registry, String realm) {
        URI uri;
        try {
            uri = new URI(realm);
        } catch (URISyntaxException e) {
            throw new RegistryException("registry " + registry + " names a token realm that is not a valid URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RegistryException("registry " + registry + " names a token realm with user info before '@'"
                    + " (which hides the real host " + uri.getHost() + "); refusing to send credentials there");
        }
        Origin origin = Origin.of(uri);
        if (origin == null || !origin.isHttp()) {
            throw new RegistryException("registry " + registry + " names a token realm without an HTTP(S) host;"
                    + " refusing to send credentials there");
        }
        if (!origin.scheme().equals("https") && !transport.allowsPlainHttp(origin.hostPort())) {
            throw new RegistryException("registry " + registry + " names token realm " + origin
                    + ", which is not HTTPS; name " + origin.hostPort()
                    + " with --insecure-registry to allow that");
        }
        return uri;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
