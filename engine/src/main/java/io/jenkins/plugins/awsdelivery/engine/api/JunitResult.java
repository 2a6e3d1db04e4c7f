package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.Map;

/**
 * {@code files, suites, tests, passed, failed, errors, skipped, flaky, durationSeconds}, plus the files counted
 * ({@code reportFiles}) and, when one was written, the report folder ({@code reportDirectory}).
 */
public final class JunitResult extends TestCounts {
    private static final long serialVersionUID = 1L;

    JunitResult(Map<String, ?> values) {
        super(values);
    }
}
