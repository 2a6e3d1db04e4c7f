package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a set of JUnit XML files says: exact counts, the failing and flaky tests in detail, a summary per suite, and the
 * files that could not be read.
 *
 * <p>Counting rules: tests are {@code <testcase>} elements; failed have a {@code <failure>}, errors an {@code
 * <error>}, skipped a {@code <skipped>} (one category per test case, in that order); flaky tests have only {@code
 * <flakyFailure>}/{@code <flakyError>} and count as passed; passed = tests - failed - errors - skipped.
 *
 * <p>Details are kept for at most {@link #DETAIL_LIMIT} failing and as many flaky tests, so memory stays bounded
 * whatever the size of the reports; the counts are always exact.
 */
public final class JunitResults {
    public static final int DETAIL_LIMIT = 1000;
    static final int SUITE_LIMIT = 10_000;

    private final int files;
    private final int suites;
    private final int tests;
    private final int failed;
    private final int errors;
    private final int skipped;
    private final int flaky;
    private final double durationSeconds;
    private final List<TestCaseResult> failures;
    private final List<TestCaseResult> flakyTests;
    private final List<SuiteSummary> suiteSummaries;
    private final List<MalformedReport> malformedReports;
    private final List<Path> ignoredFiles;
    private final List<SkippedFile> skippedFiles;

    private JunitResults(Accumulator a) {
        this.files = a.files;
        this.suites = a.suites;
        this.tests = a.tests;
        this.failed = a.failed;
        this.errors = a.errors;
        this.skipped = a.skipped;
        this.flaky = a.flaky;
        this.durationSeconds = a.durationSeconds;
        this.failures = List.copyOf(a.failures);
        this.flakyTests = List.copyOf(a.flakyTests);
        this.suiteSummaries = List.copyOf(a.suiteSummaries);
        this.malformedReports = List.copyOf(a.malformed);
        this.ignoredFiles = List.copyOf(a.ignored);
        this.skippedFiles = List.copyOf(a.skippedFiles);
    }

    /** Number of files whose test cases were counted (malformed files are not). */
    public int files() {
        return files;
    }

    /** Number of leaf {@code <testsuite>} elements (those not containing other suites). */
    public int suites() {
        return suites;
    }

    public int tests() {
        return tests;
    }

    public int passed() {
        return tests - failed - errors - skipped;
    }

    public int failed() {
        return failed;
    }

    public int errors() {
        return errors;
    }

    public int skipped() {
        return skipped;
    }

    public int flaky() {
        return flaky;
    }

    public double durationSeconds() {
        return durationSeconds;
    }

    /** Failed and errored tests in report order, at most {@link #DETAIL_LIMIT}. */
    public List<TestCaseResult> failures() {
        return failures;
    }

    /** How many failing tests are counted but not listed in {@link #failures()}. */
    public int unlistedFailures() {
        return failed + errors - failures.size();
    }

    /** Flaky tests in report order, at most {@link #DETAIL_LIMIT}. */
    public List<TestCaseResult> flakyTests() {
        return flakyTests;
    }

    public List<SuiteSummary> suiteSummaries() {
        return suiteSummaries;
    }

    public List<MalformedReport> malformedReports() {
        return malformedReports;
    }

    /** XML files that are not JUnit reports (another root element); they are not counted. */
    public List<Path> ignoredFiles() {
        return ignoredFiles;
    }

    /**
     * Attachments and screenshots left out of the details because they lead outside the folders a report may read
     * (see {@link ReportSources}); at most {@link #DETAIL_LIMIT}.
     */
    public List<SkippedFile> skippedFiles() {
        return skippedFiles;
    }

    /** The counts in the field order of {@code bin/delivery junit --json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("files", files);
        map.put("suites", suites);
        map.put("tests", tests);
        map.put("passed", passed());
        map.put("failed", failed);
        map.put("errors", errors);
        map.put("skipped", skipped);
        map.put("flaky", flaky);
        map.put("durationSeconds", Math.round(durationSeconds * 1000) / 1000.0);
        return map;
    }

    @Override
    public String toString() {
        return "JunitResults" + toMap();
    }

    /** Collects counts across files; one per parse. Not thread-safe. */
    static final class Accumulator {
        private int files;
        private int suites;
        private int tests;
        private int failed;
        private int errors;
        private int skipped;
        private int flaky;
        private double durationSeconds;
        private final List<TestCaseResult> failures = new ArrayList<>();
        private final List<TestCaseResult> flakyTests = new ArrayList<>();
        private final List<SuiteSummary> suiteSummaries = new ArrayList<>();
        private final List<MalformedReport> malformed = new ArrayList<>();
        private final List<Path> ignored = new ArrayList<>();
        private final List<SkippedFile> skippedFiles = new ArrayList<>();

        void add(Accumulator file) {
            files += file.files;
            suites += file.suites;
            tests += file.tests;
            failed += file.failed;
            errors += file.errors;
            skipped += file.skipped;
            flaky += file.flaky;
            durationSeconds += file.durationSeconds;
            addCapped(failures, file.failures, DETAIL_LIMIT);
            addCapped(flakyTests, file.flakyTests, DETAIL_LIMIT);
            addCapped(suiteSummaries, file.suiteSummaries, SUITE_LIMIT);
            addCapped(skippedFiles, file.skippedFiles, DETAIL_LIMIT);
        }

        void file() {
            files++;
        }

        void suite(SuiteSummary summary) {
            suites++;
            if (suiteSummaries.size() < SUITE_LIMIT) {
                suiteSummaries.add(summary);
            }
        }

        void duration(double seconds) {
            durationSeconds += seconds;
        }

        /** Counts one test case; {@code details} is asked for only when the test will be listed. */
        void testCase(TestOutcome outcome, boolean isFlaky, Supplier<TestCaseResult> details) {
            tests++;
            switch (outcome) {
                case FAILED -> failed++;
                case ERROR -> errors++;
                case SKIPPED -> skipped++;
                case PASSED -> {
                    if (isFlaky) {
                        flaky++;
                    }
                }
            }
            if ((outcome == TestOutcome.FAILED || outcome == TestOutcome.ERROR) && failures.size() < DETAIL_LIMIT) {
                failures.add(details.get());
            } else if (outcome == TestOutcome.PASSED && isFlaky && flakyTests.size() < DETAIL_LIMIT) {
                flakyTests.add(details.get());
            }
        }

        void skipped(SkippedFile file) {
            if (skippedFiles.size() < DETAIL_LIMIT) {
                skippedFiles.add(file);
            }
        }

        void ignored(Path file) {
            ignored.add(file);
        }

        void malformed(MalformedReport report) {
            malformed.add(report);
        }

        JunitResults build() {
            return new JunitResults(this);
        }

        private static <T> void addCapped(List<T> target, List<T> source, int limit) {
            for (T item : source) {
                if (target.size() >= limit) {
                    return;
                }
                target.add(item);
            }
        }
    }
}
