package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

/**
 * Waits for the scan of an image to complete ({@code DescribeImageScanFindings}) and fails when it has findings at
 * or above a severity threshold, with the counts per severity in the message. Without a threshold nothing waits.
 */
public final class ScanGate {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private final EcrClient ecr;
    private final EventSink events;
    private final Duration timeout;
    private final Duration pollInterval;

    ScanGate(EcrClient ecr, EventSink events, Duration timeout, Duration pollInterval) {
        this.ecr = ecr;
        this.events = events;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    /** The same gate with another wait limit and poll interval. */
    public ScanGate withTiming(Duration newTimeout, Duration newPollInterval) {
        return new ScanGate(ecr, events, newTimeout, newPollInterval);
    }

    /**
     * Waits for the scan of {@code repository@digest} and returns its report when no finding reaches
     * {@code threshold}.
     *
     * @throws ScanGateException when findings at or above {@code threshold} exist
     * @throws EcrException when the scan does not exist, failed, or does not complete in time
     */
    public ScanReport check(String repository, String registryId, Digest digest, Severity threshold) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String image = repository + "@" + digest;
        while (true) {
            DescribeImageScanFindingsResponse response;
            try {
                response = ecr.describeImageScanFindings(b -> b.repositoryName(repository)
                        .registryId(registryId)
                        .imageId(id -> id.imageDigest(digest.toString()))
                        .maxResults(1));
            } catch (ScanNotFoundException e) {
                throw new EcrException("no scan exists for " + image + "; enable scan on push for the repository"
                        + " (or start a scan) before gating on scanSeverityThreshold");
            } catch (SdkException e) {
                throw EcrException.of("ECR DescribeImageScanFindings of " + image + " failed", e);
            }
            String status = response.imageScanStatus() == null
                    ? "PENDING"
                    : response.imageScanStatus().statusAsString();
            if ("COMPLETE".equals(status) || "ACTIVE".equals(status)) {
                ScanReport report = new ScanReport(repository, digest, counts(response), threshold);
                if (!report.passed()) {
                    throw new ScanGateException(repository, report);
                }
                events.info("scan of " + image + " passed the " + threshold + " threshold: " + report.describeCounts());
                return report;
            }
            if (!"IN_PROGRESS".equals(status) && !"PENDING".equals(status)) {
                String description = response.imageScanStatus() == null
                        ? ""
                        : response.imageScanStatus().description();
                throw new EcrException("the scan of " + image + " ended " + status
                        + (description == null || description.isBlank() ? "" : " (" + description + ")")
                        + "; the gate cannot decide without a completed scan");
            }
            if (System.nanoTime() > deadline) {
                throw new EcrException("the scan of " + image + " did not complete within " + timeout.toSeconds()
                        + " s (status " + status + "); try again later or raise the scan timeout");
            }
            events.info("waiting for the scan of " + image + " (" + status + ")");
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EcrException("interrupted while waiting for the scan of " + image, e);
            }
        }
    }

    private static Map<Severity, Integer> counts(DescribeImageScanFindingsResponse response) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        if (response.imageScanFindings() != null && response.imageScanFindings().hasFindingSeverityCounts()) {
            response.imageScanFindings()
                    .findingSeverityCountsAsStrings()
                    .forEach((severity, count) -> counts.merge(Severity.fromEcr(severity), count, Integer::sum));
        }
        return counts;
    }
}
