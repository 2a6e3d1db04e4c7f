package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredential;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One {@code GetAuthorizationToken} answer decoded: the registry it opens ({@code proxyEndpoint}), the user name
 * ({@code AWS}) and password, and when they expire (12 hours after issue). {@link #toString()} never shows the
 * password.
 */
public final class EcrAuthorization {
    private final URI proxyEndpoint;
    private final String username;
    private final String password;
    private final Instant expiresAt;

    EcrAuthorization(URI proxyEndpoint, String username, String password, Instant expiresAt) {
        this.proxyEndpoint = Objects.requireNonNull(proxyEndpoint);
        this.username = Objects.requireNonNull(username);
        this.password = Objects.requireNonNull(password);
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    /** E.g. {@code https://123456789012.dkr.ecr.eu-west-1.amazonaws.com}. */
    public URI proxyEndpoint() {
        return proxyEndpoint;
    }

    /** {@code host[:port]} of {@link #proxyEndpoint()}. */
    public String registryHost() {
        return proxyEndpoint.getPort() < 0
                ? proxyEndpoint.getHost()
                : proxyEndpoint.getHost() + ":" + proxyEndpoint.getPort();
    }

    public String username() {
        return username;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The user name and token for {@code docker login} and registry calls. */
    public RegistryCredential credential() {
        return RegistryCredential.basic(username, password);
    }

    @Override
    public String toString() {
        return "EcrAuthorization{" + proxyEndpoint + ", username=" + username + ", password=****, expiresAt="
                + expiresAt + "}";
    }
}
