package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.time.Clock;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * ECR for one {@link AwsConnection}: one SDK client shared by the repository, image, token, scan and retag
 * operations. Close it when done.
 */
public final class Ecr implements AutoCloseable {
    private final EcrClient client;
    private final EcrRepositories repositories;
    private final EcrImages images;
    private final EcrAuthorizationTokens tokens;
    private final ScanGate scanGate;
    private final EcrRetagger retagger;

    private Ecr(EcrClient client, EventSink events, Clock clock) {
        this.client = client;
        this.repositories = new EcrRepositories(client, events);
        this.images = new EcrImages(client);
        this.tokens = new EcrAuthorizationTokens(client, events, clock, EcrAuthorizationTokens.DEFAULT_REFRESH_BEFORE);
        this.scanGate = new ScanGate(client, events, ScanGate.DEFAULT_TIMEOUT, ScanGate.DEFAULT_POLL_INTERVAL);
        this.retagger = new EcrRetagger(client, images, events);
    }

    public static Ecr connect(AwsConnection connection, EventSink events) {
        return new Ecr(connection.configure(EcrClient.builder()).build(), events, Clock.systemUTC());
    }

    public EcrRepositories repositories() {
        return repositories;
    }

    public EcrImages images() {
        return images;
    }

    public EcrAuthorizationTokens tokens() {
        return tokens;
    }

    public ScanGate scanGate() {
        return scanGate;
    }

    public EcrRetagger retagger() {
        return retagger;
    }

    @Override
    public void close() {
        client.close();
    }
}
