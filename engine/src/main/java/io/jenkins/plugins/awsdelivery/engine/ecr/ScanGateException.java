package io.jenkins.plugins.awsdelivery.engine.ecr;

/** The image has scan findings at or above the threshold; {@link #report()} has the counts. */
public final class ScanGateException extends EcrException {
    private static final long serialVersionUID = 1L;

    private final ScanReport report;

    ScanGateException(String repository, ScanReport report) {
        super("image " + repository + "@" + report.digest() + " has " + report.blockingFindings()
                + " scan finding(s) at or above " + report.threshold() + ": " + report.describeCounts()
                + "; fix them, or raise scanSeverityThreshold if this is accepted");
        this.report = report;
    }

    public ScanReport report() {
        return report;
    }
}
