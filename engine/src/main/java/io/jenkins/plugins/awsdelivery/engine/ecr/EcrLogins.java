package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registry logins for the ECR registries one operation talks to, e.g. the two sides of a promotion between accounts
 * or regions: each registry gets tokens from ECR in its own region, through its own connection (and role). The
 * clients are closed, with their connections, when the operation closes this.
 */
public final class EcrLogins implements AutoCloseable {
    private final EventSink events;
    private final List<AutoCloseable> opened = new ArrayList<>();

    public EcrLogins(EventSink events) {
        this.events = events;
    }

    /** The region an ECR registry host names ({@code ACCOUNT.dkr.ecr.REGION.amazonaws.com}); empty for other hosts. */
    public static Optional<String> regionOf(String registryHost) {
        return EcrRegistryHost.parse(registryHost).map(host -> host.region().id());
    }

    /** Credentials for {@code registryHost} from ECR authorization tokens fetched through {@code connection}. */
    public synchronized RegistryCredentialProvider credentialsFor(String registryHost, AwsConnection connection) {
        opened.add(connection);
        Ecr ecr = Ecr.connect(connection, events);
        opened.add(ecr);
        return ecr.tokens().credentialsFor(registryHost);
    }

    @Override
    public synchronized void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                events.warn("closing an AWS client failed: " + e.getMessage());
            }
        }
        opened.clear();
    }
}
