package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryFailedException;
import io.jenkins.plugins.awsdelivery.engine.api.JunitRequest;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final List<String> CONTRACT =
            List.of("files", "suites", "tests", "passed", "failed", "errors", "skipped", "flaky", "durationSeconds");
    private static final ParameterNames NAMES = ParameterNames.of(
            Map.of("reports", "PATH", "paths", "PATH", "screenshots", "--screenshots", "reportDirectory", "--report"));

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
    public Integer call() {
        JunitRequest request = JunitRequest.builder()
                .paths(paths)
                .screenshots(screenshots)
                .reportDirectory(report == null ? null : report.toString())
                .failOnFailures(failOnFailures)
                .names(NAMES)
                .build();
        PrintWriter err = spec.commandLine().getErr();
        // Only warnings: a file the report leaves out.
        EventSink warnings = new EventSink() {
            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {
                err.println("warning: " + message);
                err.flush();
            }
        };
        try {
            print(Delivery.junit(CommandContext.of(warnings), request).toMap());
        } catch (DeliveryFailedException failure) {
            // The counts of the readable files are still the command's output.
            if (failure.hasPartialResult()) {
                print(failure.partialResult());
            }
            throw failure;
        }
        return 0;
    }

    private void print(Map<String, Object> values) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.write(ContractFields.of(values, CONTRACT)) : summary(values));
        out.flush();
        if (values.get("reportDirectory") != null) {
            spec.commandLine()
                    .getErr()
                    .println("report: " + Path.of(values.get("reportDirectory").toString(), "index.html"));
            spec.commandLine().getErr().flush();
        }
    }

    private static String summary(Map<String, Object> r) {
        return String.format(
                Locale.ROOT,
                "%d tests: %d passed, %d failed, %d errors, %d skipped, %d flaky (%d files, %d suites, %.3f s)",
                r.get("tests"),
                r.get("passed"),
                r.get("failed"),
                r.get("errors"),
                r.get("skipped"),
                r.get("flaky"),
                r.get("files"),
                r.get("suites"),
                ((Number) r.get("durationSeconds")).doubleValue());
    }
}
