package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredential;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * ECR registry logins from {@code GetAuthorizationToken}, cached per registry host and fetched anew when less than
 * {@link #DEFAULT_REFRESH_BEFORE} of the token's 12 hours is left, or at once when a registry rejected the current
 * one ({@link RegistryCredentialProvider#refreshedCredential()}).
 */
public final class EcrAuthorizationTokens {
    public static final Duration DEFAULT_REFRESH_BEFORE = Duration.ofMinutes(30);

    private final EcrClient ecr;
    private final EventSink events;
    private final Clock clock;
    private final Duration refreshBefore;
    private final Map<String, EcrAuthorization> cache = new ConcurrentHashMap<>();

    EcrAuthorizationTokens(EcrClient ecr, EventSink events, Clock clock, Duration refreshBefore) {
        this.ecr = ecr;
        this.events = events;
        this.clock = clock;
        this.refreshBefore = refreshBefore;
    }

    /** The cached authorization for {@code registryHost}, fetched when absent or about to expire. */
    public EcrAuthorization authorization(String registryHost) {
        EcrAuthorization cached = cache.get(registryHost);
        if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(refreshBefore))) {
            return cached;
        }
        return fetch(registryHost);
    }

    /** A new authorization for {@code registryHost}, whatever is cached. */
    public EcrAuthorization refresh(String registryHost) {
        return fetch(registryHost);
    }

    /**
     * Credentials for {@code registryHost} (user {@code AWS}) for the registry client and docker: the cached token, a
     * new one when the registry rejected it.
     */
    public RegistryCredentialProvider credentialsFor(String registryHost) {
        return new RegistryCredentialProvider() {
            @Override
            public RegistryCredential credential() {
                return authorization(registryHost).credential();
            }

            @Override
            public RegistryCredential refreshedCredential() {
                return refresh(registryHost).credential();
            }

            @Override
            public boolean refreshable() {
                return true;
            }
        };
    }

    private synchronized EcrAuthorization fetch(String registryHost) {
        GetAuthorizationTokenResponse response;
        try {
            response = ecr.getAuthorizationToken(b -> {});
        } catch (SdkException e) {
            throw EcrException.of("ECR GetAuthorizationToken for registry " + registryHost + " failed", e);
        }
        if (!response.hasAuthorizationData() || response.authorizationData().isEmpty()) {
            throw new EcrException("ECR GetAuthorizationToken for registry " + registryHost + " returned no token");
        }
        EcrAuthorization authorization = decode(response.authorizationData().get(0), registryHost);
        cache.put(registryHost, authorization);
        events.info("ECR authorization for " + registryHost + " valid until " + authorization.expiresAt());
        return authorization;
    }

    private static EcrAuthorization decode(AuthorizationData data, String registryHost) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new EcrException("ECR GetAuthorizationToken for registry " + registryHost
                    + " returned a token that is not base64 USER:PASSWORD");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new EcrException("ECR GetAuthorizationToken for registry " + registryHost
                    + " returned a token that is not USER:PASSWORD");
        }
        URI endpoint =
                data.proxyEndpoint() == null ? URI.create("https://" + registryHost) : URI.create(data.proxyEndpoint());
        Instant expiresAt = data.expiresAt() == null ? Instant.now().plus(Duration.ofHours(12)) : data.expiresAt();
        return new EcrAuthorization(endpoint, decoded.substring(0, colon), decoded.substring(colon + 1), expiresAt);
    }
}
