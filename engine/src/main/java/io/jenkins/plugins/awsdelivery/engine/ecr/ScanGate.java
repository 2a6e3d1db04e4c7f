package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsCall;
import io.jenkins.plugins.awsdelivery.engine.aws.Deadline;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFindings;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

/**
 * Waits for the scan of an image ({@code DescribeImageScanFindings}, every page) and fails when it has findings at or
 * above a severity threshold, with the counts per severity in the message. Without a threshold nothing waits.
 *
 * <ul>
 *   <li>Basic scans ({@code COMPLETE}) are counted from {@code findingSeverityCounts}; enhanced scans (Amazon
 *       Inspector, {@code ACTIVE}) from their {@code enhancedFindings} whose status is {@code ACTIVE} (suppressed and
 *       closed findings do not count).
 *   <li>A scan can report done before its counts settle, so the gate decides only when two consecutive reads agree,
 *       or at the timeout with the last counts read.
 *   <li>A scan that cannot give an answer ({@code UNSUPPORTED_IMAGE}, {@code FAILED}, {@code FINDINGS_UNAVAILABLE},
 *       ...) fails the gate, or only warns when the caller {@linkplain #allowingUnscannedImages() allows} it.
 * </ul>
 */
public final class ScanGate {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    private static final Set<String> DONE = Set.of("COMPLETE", "ACTIVE");
    private static final Set<String> WAITING = Set.of("IN_PROGRESS", "PENDING");
    /** The most findings one page may hold (the API's limit). */
    private static final int PAGE_SIZE = 1000;

    private final EcrClient ecr;
    private final EventSink events;
    private final Duration timeout;
    private final Duration pollInterval;
    private final boolean unscannedAllowed;

    ScanGate(EcrClient ecr, EventSink events, Duration timeout, Duration pollInterval) {
        this(ecr, events, timeout, pollInterval, false);
    }

    private ScanGate(
            EcrClient ecr, EventSink events, Duration timeout, Duration pollInterval, boolean unscannedAllowed) {
        this.ecr = ecr;
        this.events = events;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.unscannedAllowed = unscannedAllowed;
    }

    /** The same gate with another wait limit and poll interval. */
    public ScanGate withTiming(Duration newTimeout, Duration newPollInterval) {
        return new ScanGate(ecr, events, newTimeout, newPollInterval, unscannedAllowed);
    }

    /**
     * The same gate, except that a scan that cannot run ({@code UNSUPPORTED_IMAGE}, {@code FAILED}, ...) lets the image
     * pass with a warning instead of failing ({@code allowUnscannedImage}).
     */
    public ScanGate allowingUnscannedImages() {
        return new ScanGate(ecr, events, timeout, pollInterval, true);
    }

    /**
     * Waits for the scan of {@code repository@digest} and returns its report when no finding reaches
     * {@code threshold}.
     *
     * @throws ScanGateException when findings at or above {@code threshold} exist
     * @throws EcrException when the scan does not exist, cannot run (unless allowed), or does not complete in time
     * @throws OperationAbortedException when the calling thread is interrupted while waiting
     */
    public ScanReport check(String repository, String registryId, Digest digest, Severity threshold) {
        Deadline deadline = Deadline.after(timeout, Clock.systemUTC());
        String image = repository + "@" + digest;
        Read previous = null;
        while (true) {
            Read read = read(repository, registryId, digest);
            if (DONE.contains(read.status())) {
                if (read.sameCounts(previous) || deadline.passed()) {
                    if (!read.sameCounts(previous)) {
                        events.warn("the finding counts of the scan of " + image + " were still changing after "
                                + timeout.toSeconds() + " s; deciding on the last counts read");
                    }
                    return decide(repository, digest, threshold, read);
                }
                previous = read;
                events.info("scan of " + image + " " + read.status() + "; reading the counts again until they settle");
            } else if (WAITING.contains(read.status())) {
                previous = null;
                if (deadline.passed()) {
                    throw new EcrException("the scan of " + image + " did not complete within " + timeout.toSeconds()
                            + " s (status " + read.status() + "); try again later or raise the scan timeout");
                }
                events.info("waiting for the scan of " + image + " (" + read.status() + ")");
            } else {
                return unscanned(repository, digest, threshold, read);
            }
            deadline.pause(pollInterval, "waiting for the scan of " + image);
        }
    }

    private ScanReport decide(String repository, Digest digest, Severity threshold, Read read) {
        ScanReport report = new ScanReport(repository, digest, read.status(), read.counts(), threshold);
        if (!report.passed()) {
            throw new ScanGateException(repository, report);
        }
        events.info("scan of " + repository + "@" + digest + " passed the " + threshold + " threshold: "
                + report.describeCounts());
        return report;
    }

    private ScanReport unscanned(String repository, Digest digest, Severity threshold, Read read) {
        String what = "the scan of " + repository + "@" + digest + " ended " + read.status()
                + (read.description().isBlank() ? "" : " (" + read.description() + ")");
        if (!unscannedAllowed) {
            throw new EcrException(what + "; the gate cannot decide without a scan: make the image scannable (a"
                    + " supported base image and package manager), or set allowUnscannedImage"
                    + " (CLI: --allow-unscanned-image) to accept it with a warning");
        }
        events.warn(what + "; the image passes unscanned because allowUnscannedImage is set");
        return new ScanReport(repository, digest, read.status(), Map.of(), threshold);
    }

    /** One complete read of the findings: every page. */
    private Read read(String repository, String registryId, Digest digest) {
        String image = repository + "@" + digest;
        String status = null;
        String description = "";
        Map<Severity, Integer> basicCounts = new EnumMap<>(Severity.class);
        Map<Severity, Integer> enhancedCounts = new EnumMap<>(Severity.class);
        boolean enhanced = false;
        try {
            for (DescribeImageScanFindingsResponse page :
                    ecr.describeImageScanFindingsPaginator(b -> b.repositoryName(repository)
                            .registryId(registryId)
                            .imageId(id -> id.imageDigest(digest.toString()))
                            .maxResults(PAGE_SIZE))) {
                if (status == null) {
                    status = page.imageScanStatus() == null
                            ? "PENDING"
                            : page.imageScanStatus().statusAsString();
                    description = page.imageScanStatus() == null
                                    || page.imageScanStatus().description() == null
                            ? ""
                            : page.imageScanStatus().description();
                }
                ImageScanFindings findings = page.imageScanFindings();
                if (findings == null) {
                    continue;
                }
                if (findings.hasFindingSeverityCounts() && basicCounts.isEmpty()) {
                    findings.findingSeverityCountsAsStrings()
                            .forEach((severity, count) ->
                                    basicCounts.merge(Severity.fromEcr(severity), count, Integer::sum));
                }
                if (findings.hasEnhancedFindings()
                        && !findings.enhancedFindings().isEmpty()) {
                    enhanced = true;
                    for (EnhancedImageScanFinding finding : findings.enhancedFindings()) {
                        if ("ACTIVE".equalsIgnoreCase(finding.status())) {
                            enhancedCounts.merge(Severity.fromEcr(finding.severity()), 1, Integer::sum);
                        }
                    }
                }
            }
        } catch (ScanNotFoundException e) {
            throw new EcrException("no scan exists for " + image + "; enable scan on push for the repository"
                    + " (or start a scan) before gating on scanSeverityThreshold");
        } catch (SdkException e) {
            AwsCall.throwIfAborted("waiting for the scan of " + image, e);
            throw EcrException.of("ECR DescribeImageScanFindings of " + image + " failed", e);
        }
        return new Read(
                status == null ? "PENDING" : status.toUpperCase(Locale.ROOT),
                description,
                enhanced ? enhancedCounts : basicCounts);
    }

    /** What one read of the scan said: its status and the counts per severity that matter for the gate. */
    private record Read(String status, String description, Map<Severity, Integer> counts) {
        boolean sameCounts(Read other) {
            return other != null && other.status.equals(status) && other.counts.equals(counts);
        }
    }
}
