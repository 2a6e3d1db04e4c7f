package io.jenkins.plugins.awsdelivery.engine.selenium;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.spi.ProcessResult;
import io.jenkins.plugins.awsdelivery.engine.spi.ProcessRunner;
import io.jenkins.plugins.awsdelivery.engine.spi.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an end-to-end suite against a deployment and turns its JUnit XML into counts, a verdict and a static HTML
 * report.
 *
 * <p>The suite gets {@code BASE_URL}, {@code SELENIUM_REMOTE_URL} and {@code BROWSER} in its environment besides the
 * user's own variables; its output is streamed line by line to the {@link EventSink}. With a managed browser,
 * Debian's chromedriver runs on a free loopback port for the suite's duration and is stopped, with every browser
 * process, however the suite ends. Reports written before the run started are ignored (a stale report from an earlier
 * build must not decide this one).
 *
 * <p>When the calling thread is interrupted (an aborted build), the suite's process tree and the managed browser are
 * killed and {@link OperationAbortedException} is thrown, with the interrupt flag kept: an abort is not a failure and
 * gives no result.
 */
public final class SuiteRunner {
    public static final String BASE_URL = "BASE_URL";
    public static final String SELENIUM_REMOTE_URL = "SELENIUM_REMOTE_URL";
    public static final String BROWSER = "BROWSER";

    private final ProcessRunner processes;
    private final EventSink sink;

    public SuiteRunner(ProcessRunner processes, EventSink sink) {
        this.processes = processes;
        this.sink = sink;
    }

    public SuiteResult run(SuiteRequest request) {
        if (!Files.isDirectory(request.workingDirectory())) {
            throw new DeliveryException("suite: working directory " + request.workingDirectory() + " does not exist;"
                    + " check out the suite first or correct the path");
        }
        // File times can be coarser than the clock; a report written right after the start must still count.
        Instant started = Instant.now().minusSeconds(2);
        ProcessResult ended = runCommand(request);
        if (ended.timedOut()) {
            sink.warn("suite: timed out after " + request.timeout() + "; the command and every process it started"
                    + " were killed");
        } else {
            sink.info("suite: command exited with code " + ended.exitCode() + " after "
                    + ended.duration().toSeconds() + " s");
        }
        return evaluate(request, ended, started);
    }

    private ProcessResult runCommand(SuiteRequest request) {
        Map<String, String> environment = new LinkedHashMap<>(request.environment());
        environment.put(BROWSER, request.browser());
        if (request.baseUrl() != null) {
            environment.put(BASE_URL, request.baseUrl());
        }
        if (request.seleniumRemoteUrl() != null) {
            environment.put(SELENIUM_REMOTE_URL, request.seleniumRemoteUrl());
        }
        ManagedBrowser browser = null;
        try {
            if (request.managedBrowser()) {
                browser = ManagedBrowser.start(request.chromedriver(), sink);
                environment.put(SELENIUM_REMOTE_URL, browser.remoteUrl().toString());
            }
            ProcessSpec spec = ProcessSpec.builder(request.processCommand())
                    .workingDirectory(request.workingDirectory())
                    .environment(environment)
                    .timeout(request.timeout())
                    .outputLines(sink::info)
                    .build();
            sink.info("suite: running " + request.commandForDisplay() + " in " + request.workingDirectory()
                    + (request.baseUrl() == null ? "" : " against " + request.baseUrl()));
            return processes.run(spec);
        } catch (IOException e) {
            throw new DeliveryException(
                    "suite: cannot run '" + request.commandForDisplay() + "': " + e.getMessage()
                            + "; check that the program exists in " + request.workingDirectory() + " or on the PATH",
                    e);
        } catch (InterruptedException e) {
            // The process runner killed the suite's process tree; the browser goes in the finally block.
            Thread.currentThread().interrupt();
            throw new OperationAbortedException("suite: running '" + request.commandForDisplay() + "'", e);
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    private SuiteResult evaluate(SuiteRequest request, ProcessResult ended, Instant started) {
        ReportFiles.Found found = ReportFiles.xmlReports(request.workingDirectory(), request.reports());
        List<Path> fresh = new ArrayList<>();
        for (Path file : found.files()) {
            if (modifiedSince(file, started)) {
                fresh.add(file);
            } else {
                sink.warn("suite: ignoring " + file + ": it was written before this run started");
            }
        }
        ScreenshotIndex screenshots = ScreenshotIndex.find(request.workingDirectory(), request.screenshots());
        JunitResults results = new JunitParser(screenshots).parse(fresh);
        results.malformedReports().forEach(malformed -> sink.warn("suite: cannot read " + malformed.describe()));
        results.skippedFiles().forEach(skipped -> sink.warn("suite: report leaves out " + skipped.describe()));
        Path index = HtmlReport.write(results, request.reportDirectory(), "Selenium report");
        sink.info("suite: " + results.tests() + " tests, " + results.passed() + " passed, " + results.failed()
                + " failed, " + results.errors() + " errors, " + results.skipped() + " skipped, " + results.flaky()
                + " flaky; report " + index);
        List<String> failing =
                results.failures().stream().map(TestCaseResult::displayName).toList();
        String verdict = verdict(request, ended, results, fresh.isEmpty());
        boolean buildFailed = !verdict.startsWith("passed");
        if (buildFailed) {
            sink.warn("suite: " + verdict);
        } else {
            sink.info("suite: " + verdict);
        }
        return new SuiteResult(
                results.tests(),
                results.passed(),
                results.failed(),
                results.errors(),
                results.skipped(),
                results.flaky(),
                failing,
                request.reportDirectory(),
                ended.timedOut() ? -1 : ended.exitCode(),
                ended.timedOut(),
                ended.duration().toMillis() / 1000.0,
                buildFailed,
                verdict,
                fresh);
    }

    private static String verdict(SuiteRequest request, ProcessResult ended, JunitResults results, boolean noReports) {
        int failing = results.failed() + results.errors();
        if (ended.timedOut()) {
            return "failed: the suite timed out after " + request.timeout() + "; raise the timeout or find the"
                    + " test that hangs";
        }
        if (noReports) {
            return "failed: no JUnit XML report matching " + request.reports() + " was written by this run in "
                    + request.workingDirectory() + "; check the 'reports' patterns and the suite's reporter";
        }
        if (!results.malformedReports().isEmpty()) {
            return "failed: cannot read " + results.malformedReports().get(0).describe();
        }
        if (request.failOnFailures() && failing > request.failureThreshold()) {
            return "failed: " + failing + " of " + results.tests() + " tests failed (" + results.failed() + " failed, "
                    + results.errors() + " errors; " + request.failureThreshold() + " tolerated)";
        }
        if (ended.exitCode() != 0 && failing == 0) {
            return "failed: the suite exited with code " + ended.exitCode() + " although no test failed; see its"
                    + " output above";
        }
        return "passed: " + results.passed() + " of " + results.tests() + " tests passed"
                + (failing > 0 ? ", " + failing + " failing tolerated" : "")
                + (results.flaky() > 0 ? ", " + results.flaky() + " flaky" : "");
    }

    private static boolean modifiedSince(Path file, Instant started) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return !modified.toInstant().isBefore(started);
        } catch (IOException e) {
            return false;
        }
    }
}
