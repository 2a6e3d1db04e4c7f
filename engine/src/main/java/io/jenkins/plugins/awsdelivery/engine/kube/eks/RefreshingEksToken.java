package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.time.Clock;
import java.util.Objects;

/**
 * The token a Kubernetes client sends with every request: reused while fresh, signed anew once 14 minutes have
 * passed, so a rollout wait that takes longer than a token lives keeps working.
 */
public final class RefreshingEksToken implements OAuthTokenProvider {
    private final EksTokenGenerator generator;
    private final String cluster;
    private final Clock clock;
    private EksToken current;

    public RefreshingEksToken(EksTokenGenerator generator, String cluster, Clock clock) {
        this.generator = Objects.requireNonNull(generator);
        this.cluster = Objects.requireNonNull(cluster);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The current token, renewed when it has expired. */
    public synchronized EksToken current() {
        if (current == null || !clock.instant().isBefore(current.expiresAt())) {
            current = generator.token(cluster);
        }
        return current;
    }

    @Override
    public String getToken() {
        return current().value();
    }

    @Override
    public String toString() {
        return "RefreshingEksToken[cluster=" + cluster + "]";
    }
}
