package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.List;
import java.util.Map;

/**
 * What a suite run and a JUnit count have in common: {@code tests, passed, failed, errors, skipped, flaky}, the JUnit
 * XML files counted ({@code reportFiles}, absolute) and the folder with {@code index.html} when a report was written.
 */
public abstract class TestCounts extends Result {
    private static final long serialVersionUID = 1L;

    TestCounts(Map<String, ?> values) {
        super(values);
    }

    public final long tests() {
        return number("tests");
    }

    public final long passed() {
        return number("passed");
    }

    public final long failed() {
        return number("failed");
    }

    public final long errors() {
        return number("errors");
    }

    public final long skipped() {
        return number("skipped");
    }

    public final long flaky() {
        return number("flaky");
    }

    /** The JUnit XML files counted: publish exactly these, never glob again onto stale files. */
    public final List<String> reportFiles() {
        return list("reportFiles").stream().map(String::valueOf).toList();
    }

    public final String reportDirectory() {
        return string("reportDirectory");
    }
}
