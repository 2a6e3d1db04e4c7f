package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.List;
import java.util.Map;

/**
 * A suite run: {@code tests, passed, failed, errors, skipped, flaky}, the failing tests' names, the report folder, the
 * JUnit files that were counted ({@code reportFiles}, so that a caller publishes exactly those and never globs again
 * onto stale files), how the command ended, and the verdict.
 */
public final class SuiteResult extends TestCounts {
    private static final long serialVersionUID = 1L;

    SuiteResult(Map<String, ?> values) {
        super(values);
    }

    public List<String> failingTests() {
        return list("failingTests").stream().map(String::valueOf).toList();
    }

    public boolean timedOut() {
        return bool("timedOut");
    }

    /** Whether the run counts as failed: the command failed or timed out, or a test failed with failOnFailures. */
    public boolean buildFailed() {
        return bool("buildFailed");
    }

    public String verdict() {
        return string("verdict");
    }
}
