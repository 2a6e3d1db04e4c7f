package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of one leaf {@code <testsuite>} (one that holds test cases, not other suites). */
public record SuiteSummary(
        String name,
        Path reportFile,
        int tests,
        int failed,
        int errors,
        int skipped,
        int flaky,
        double durationSeconds) {

    public int passed() {
        return tests - failed - errors - skipped;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("file", reportFile.toString());
        map.put("tests", tests);
        map.put("passed", passed());
        map.put("failed", failed);
        map.put("errors", errors);
        map.put("skipped", skipped);
        map.put("flaky", flaky);
        map.put("durationSeconds", durationSeconds);
        return map;
    }
}
