package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.docker.ImagePublisher;
import io.jenkins.plugins.awsdelivery.engine.docker.PushResult;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;

/**
 * The {@code ecrPush} flow: ensure the repository (create it when allowed), log in with an ECR authorization token
 * (refreshed once if it expires mid-push), build and push every tag, read the digest back from the registry, and,
 * with a threshold, wait for the scan and fail on findings at or above it. In an IMMUTABLE repository, tags that
 * already hold the image just built are kept (a re-run succeeds with the existing digest) and tags holding another
 * image fail the push before anything is pushed. The registry host and repository URI
 * come from ECR's answers, never from string building.
 */
public final class EcrPush {
    private final Ecr ecr;
    private final ImagePublisher publisher;
    private final EventSink events;
    private final ScanGate scanGate;

    public EcrPush(Ecr ecr, ImagePublisher publisher, EventSink events) {
        this(ecr, publisher, events, ecr.scanGate());
    }

    private EcrPush(Ecr ecr, ImagePublisher publisher, EventSink events, ScanGate scanGate) {
        this.ecr = ecr;
        this.publisher = publisher;
        this.events = events;
        this.scanGate = scanGate;
    }

    /** How long to wait for a scan and how often to ask; defaults {@link ScanGate#DEFAULT_TIMEOUT}, 5 s. */
    public EcrPush withScanTiming(java.time.Duration timeout, java.time.Duration pollInterval) {
        return new EcrPush(ecr, publisher, events, scanGate.withTiming(timeout, pollInterval));
    }

    public PushResult push(EcrPushRequest request) {
        String registryId = request.registryId().orElse(null);
        EcrRepository repository = ecr.repositories()
                .ensure(request.repository(), registryId, request.createRepository(), request.repositorySettings());
        events.info((repository.created() ? "created" : "using") + " ECR repository " + repository.uri());
        PushResult result = publisher.publish(
                request.build(),
                repository.uri(),
                ecr.tokens().credentialsFor(repository.registryHost()),
                repository.tagMutability() == TagMutability.IMMUTABLE
                        ? ImagePublisher.Tags.IMMUTABLE
                        : ImagePublisher.Tags.MUTABLE);
        request.scanSeverityThreshold()
                .ifPresent(threshold -> (request.allowUnscannedImage() ? scanGate.allowingUnscannedImages() : scanGate)
                        .check(repository.name(), repository.registryId(), result.digest(), threshold));
        return result;
    }
}
