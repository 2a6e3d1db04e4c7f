package io.jenkins.plugins.awsdelivery.engine.selenium;

/**
 * An attachment or screenshot that a report leaves out because it leads outside the folders a report may read.
 *
 * @param path the path as the test output or the screenshot search named it
 * @param reason why it was left out
 */
public record SkippedFile(String path, String reason) {
    public SkippedFile {
        path = ReportText.cap(path, ReportText.NAME_MAX);
    }

    public String describe() {
        return path + ": " + reason;
    }
}
