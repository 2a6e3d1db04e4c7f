package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.selenium.HtmlReport;
import io.jenkins.plugins.awsdelivery.engine.selenium.JunitParser;
import io.jenkins.plugins.awsdelivery.engine.selenium.JunitResults;
import io.jenkins.plugins.awsdelivery.engine.selenium.MalformedReport;
import io.jenkins.plugins.awsdelivery.engine.selenium.ReportFiles;
import io.jenkins.plugins.awsdelivery.engine.selenium.ScreenshotIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code delivery junit PATH... [--json] [--report DIR] [--screenshots PATH]... [--fail-on-failures]}: counts the
 * tests of any JUnit XML reports and optionally writes the static HTML report.
 *
 * <p>Exit codes: 0 when the reports were read (failing tests included, since counting them is the job); 1 when a
 * PATH matched no file, a file is malformed (the other files are still counted and printed), or with {@code
 * --fail-on-failures} when any test failed or errored; 64 for a usage error.
 */
@Command(
        name = "junit",
        mixinStandardHelpOptions = true,
        description = {
            "Count the tests in JUnit XML reports of any tool (Surefire/Failsafe with reruns, TestNG, pytest, Jest,"
                    + " Mocha, Playwright, Cypress) and optionally write a static HTML report that renders under"
                    + " Jenkins's Content-Security-Policy.",
            "Exit 0 when the reports were read, failing tests included; 1 when a PATH matches nothing, a file is"
                    + " malformed, or (with --fail-on-failures) a test failed."
        })
final class JunitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = "A JUnit XML file, a folder (all *.xml below it) or an Ant-style pattern such as"
                    + " '**/surefire-reports/TEST-*.xml'.")
    List<String> paths = new ArrayList<>();

    @Option(
            names = "--json",
            description = "Print {files, suites, tests, passed, failed, errors, skipped, flaky, durationSeconds}.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Also write the HTML report there: index.html, report.css, screenshots/.")
    Path report;

    @Option(
            names = "--screenshots",
            paramLabel = "PATH",
            description = "Folder, file or pattern of screenshots to link to tests by file name (repeatable).")
    List<String> screenshots = new ArrayList<>();

    @Option(names = "--fail-on-failures", description = "Exit 1 when a test failed or errored.")
    boolean failOnFailures;

    @Override
    public Integer call() throws Exception {
        Path base = Path.of("").toAbsolutePath();
        ReportFiles.Found found = ReportFiles.xmlReports(base, paths);
        if (!found.unmatched().isEmpty()) {
            throw new DeliveryException("no JUnit XML file matches " + String.join(", ", found.unmatched())
                    + " (relative to " + base + "); name a file, a folder or a pattern such as"
                    + " '**/TEST-*.xml'");
        }
        ScreenshotIndex index = ScreenshotIndex.find(base, screenshots);
        JunitResults results = new JunitParser(index).parse(found.files());
        results.skippedFiles()
                .forEach(skipped ->
                        spec.commandLine().getErr().println("warning: report leaves out " + skipped.describe()));
        if (json) {
            spec.commandLine().getOut().println(Json.write(results.toMap()));
        } else {
            spec.commandLine().getOut().println(summary(results));
        }
        if (report != null) {
            Path written = HtmlReport.write(results, report, "Test report");
            spec.commandLine().getErr().println("report: " + written);
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        List<MalformedReport> malformed = results.malformedReports();
        if (!malformed.isEmpty()) {
            throw new DeliveryException("cannot read " + malformed.get(0).describe()
                    + (malformed.size() > 1 ? " (and " + (malformed.size() - 1) + " more files)" : "")
                    + "; the other files were counted");
        }
        int failing = results.failed() + results.errors();
        if (failOnFailures && failing > 0) {
            throw new DeliveryException(failing + " of " + results.tests() + " tests failed (" + results.failed()
                    + " failed, " + results.errors() + " errors)");
        }
        return 0;
    }

    private static String summary(JunitResults r) {
        return String.format(
                Locale.ROOT,
                "%d tests: %d passed, %d failed, %d errors, %d skipped, %d flaky (%d files, %d suites, %.3f s)",
                r.tests(),
                r.passed(),
                r.failed(),
                r.errors(),
                r.skipped(),
                r.flaky(),
                r.files(),
                r.suites(),
                r.durationSeconds());
    }
}
