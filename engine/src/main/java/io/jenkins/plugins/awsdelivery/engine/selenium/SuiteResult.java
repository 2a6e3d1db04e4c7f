package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a suite run: the test counts, the failing tests' names, where the HTML report is, how the command
 * ended, and whether the build should fail ({@link #buildFailed()}, with the reason in {@link #verdict()}).
 *
 * @param failingTests names of the failed and errored tests (at most {@link JunitResults#DETAIL_LIMIT})
 * @param reportDirectory the folder holding {@code index.html}
 * @param exitCode the suite command's exit code; -1 when it timed out
 * @param verdict one sentence: why the build fails, or that it passes
 * @param reportFiles the JUnit XML files this run wrote and that were counted: publish exactly these
 */
public record SuiteResult(
        int tests,
        int passed,
        int failed,
        int errors,
        int skipped,
        int flaky,
        List<String> failingTests,
        Path reportDirectory,
        int exitCode,
        boolean timedOut,
        double durationSeconds,
        boolean buildFailed,
        String verdict,
        List<Path> reportFiles) {

    public SuiteResult {
        failingTests = List.copyOf(failingTests);
        reportFiles = List.copyOf(reportFiles);
    }

    /** Plain values for a Pipeline return value. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tests", tests);
        map.put("passed", passed);
        map.put("failed", failed);
        map.put("errors", errors);
        map.put("skipped", skipped);
        map.put("flaky", flaky);
        map.put("failingTests", List.copyOf(failingTests));
        map.put("reportDirectory", reportDirectory.toString());
        map.put("exitCode", exitCode);
        map.put("timedOut", timedOut);
        map.put("durationSeconds", durationSeconds);
        map.put("buildFailed", buildFailed);
        map.put("verdict", verdict);
        map.put("reportFiles", reportFiles.stream().map(Path::toString).toList());
        return map;
    }
}
