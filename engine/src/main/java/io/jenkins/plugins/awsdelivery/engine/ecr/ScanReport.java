package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.Serializable;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scan of one image as the gate saw it: its status ({@code COMPLETE} for a basic scan, {@code ACTIVE} for an
 * enhanced one, or the status of a scan that could not run), finding counts per severity and what they mean for a
 * threshold.
 */
public final class ScanReport implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String repository;
    private final String digest; // as text: Digest is not Serializable
    private final String scanStatus;
    private final EnumMap<Severity, Integer> counts;
    private final Severity threshold;

    ScanReport(String repository, Digest digest, String scanStatus, Map<Severity, Integer> counts, Severity threshold) {
        this.repository = repository;
        this.digest = digest.toString();
        this.scanStatus = scanStatus;
        this.counts = new EnumMap<>(Severity.class);
        this.counts.putAll(counts);
        this.counts.values().removeIf(count -> count == null || count == 0);
        this.threshold = threshold;
    }

    public Digest digest() {
        return Digest.parse(digest);
    }

    /** {@code COMPLETE}, {@code ACTIVE}, or the status of a scan that could not run (e.g. {@code UNSUPPORTED_IMAGE}). */
    public String scanStatus() {
        return scanStatus;
    }

    /** Whether the scan ran and gave findings to decide on. */
    public boolean scanned() {
        return "COMPLETE".equals(scanStatus) || "ACTIVE".equals(scanStatus);
    }

    /** Counts per severity, highest severity first; severities without findings are absent. */
    public Map<Severity, Integer> counts() {
        Map<Severity, Integer> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<Severity, Integer>comparingByKey(Comparator.reverseOrder()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    public Severity threshold() {
        return threshold;
    }

    /** Findings at or above the threshold. */
    public int blockingFindings() {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().atOrAbove(threshold))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** The scan ran and found nothing at or above the threshold. */
    public boolean passed() {
        return scanned() && blockingFindings() == 0;
    }

    /** E.g. {@code CRITICAL 1, HIGH 2, MEDIUM 4}, or {@code no findings}. */
    public String describeCounts() {
        return counts.isEmpty()
                ? "no findings"
                : counts().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("repository", repository);
        map.put("digest", digest);
        map.put("scanStatus", scanStatus);
        Map<String, Object> plainCounts = new LinkedHashMap<>();
        counts().forEach((severity, count) -> plainCounts.put(severity.name(), count));
        map.put("findingSeverityCounts", plainCounts);
        map.put("threshold", threshold.name());
        map.put("passed", passed());
        return map;
    }

    @Override
    public String toString() {
        return "ScanReport" + toMap();
    }
}
