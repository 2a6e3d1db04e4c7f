package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.List;
import java.util.Map;

/**
 * {@code files, suites, tests, passed, failed, errors, skipped, flaky, durationSeconds}, plus the files counted
 * ({@code reportFiles}) and, when one was written, the report folder ({@code reportDirectory}).
 */
public final class JunitResult extends Result {
    private static final long serialVersionUID = 1L;

    JunitResult(Map<String, ?> values) {
        super(values);
    }

    public long tests() {
        return number("tests");
    }

    public long passed() {
        return number("passed");
    }

    public long failed() {
        return number("failed");
    }

    public long errors() {
        return number("errors");
    }

    public long skipped() {
        return number("skipped");
    }

    public long flaky() {
        return number("flaky");
    }

    public List<String> reportFiles() {
        return list("reportFiles").stream().map(String::valueOf).toList();
    }

    public String reportDirectory() {
        return string("reportDirectory");
    }
}
