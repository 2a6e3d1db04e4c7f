package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with plain shell suites (no browser): environment, output, timeout, verdicts. */
class SuiteRunnerTest {
    private static final String ONE_FAILURE = "<testsuite name='s'><testcase name='a'/>"
            + "<testcase name='b'><failure message='no'/></testcase></testsuite>";
    private static final String ALL_PASS = "<testsuite name='s'><testcase name='a'/></testsuite>";

    @TempDir
    Path workspace;

    private final RecordingSink sink = new RecordingSink();
    private final List<String> log = sink.lines();

    @Test
    void run_suite_seesBaseUrlBrowserRemoteUrlAndUsersOwnVariables() {
        SuiteResult result = run(base().shellCommand(
                        "echo \"$BASE_URL|$BROWSER|$SELENIUM_REMOTE_URL|$SHOP_USER\"; " + writeReport(ALL_PASS))
                .baseUrl("http://127.0.0.1:8080/shop/")
                .seleniumRemoteUrl("http://127.0.0.1:4444")
                .environment("SHOP_USER", "ada"));

        assertThat(log).contains("http://127.0.0.1:8080/shop/|chrome|http://127.0.0.1:4444|ada");
        assertThat(result.buildFailed()).isFalse();
    }

    @Test
    void run_shellCommand_runsExactlyAsWritten() {
        run(base().shellCommand("printf '%s\\n' 'a b' | tr ' ' '-' && " + writeReport(ALL_PASS)));

        assertThat(log).contains("a-b");
    }

    @Test
    void run_argumentList_passesArgumentsWithoutShell() {
        run(base().command("/bin/echo", "$BASE_URL", "two words"));

        assertThat(log).contains("$BASE_URL two words");
    }

    @Test
    void run_commandHangs_isKilledAtTheTimeoutAndFailsTheBuild() {
        long started = System.nanoTime();

        SuiteResult result = run(base().shellCommand("sleep 60").timeout(Duration.ofSeconds(1)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.buildFailed()).isTrue();
    }

    @Test
    void run_noReportWritten_failsTheBuildNamingThePatterns() {
        SuiteResult result = run(base().shellCommand("true"));

        assertThat(result.buildFailed()).isTrue();
        assertThat(result.verdict()).contains("no JUnit XML report").contains("reports/*.xml");
    }

    @Test
    void run_reportOlderThanTheRun_isIgnored() throws IOException {
        Path stale = Files.createDirectories(workspace.resolve("reports")).resolve("TEST-old.xml");
        Files.writeString(stale, ALL_PASS);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        SuiteResult result = run(base().shellCommand("true"));

        assertThat(result.tests()).isZero();
        assertThat(result.buildFailed()).isTrue();
    }

    @Test
    void run_failingTestWithinThreshold_passesTheBuild() {
        SuiteResult result =
                run(base().shellCommand(writeReport(ONE_FAILURE) + "; exit 1").failureThreshold(1));

        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.buildFailed()).isFalse();
    }

    @Test
    void run_failingTestOverThreshold_failsTheBuildAndNamesTheTest() {
        SuiteResult result = run(base().shellCommand(writeReport(ONE_FAILURE) + "; exit 1"));

        assertThat(result.buildFailed()).isTrue();
        assertThat(result.failingTests()).containsExactly("b");
    }

    @Test
    void run_failOnFailuresOff_passesTheBuildDespiteFailures() {
        SuiteResult result =
                run(base().shellCommand(writeReport(ONE_FAILURE) + "; exit 1").failOnFailures(false));

        assertThat(result.buildFailed()).isFalse();
    }

    @Test
    void run_nonZeroExitWithoutFailingTest_failsTheBuild() {
        SuiteResult result = run(base().shellCommand(writeReport(ALL_PASS) + "; exit 3"));

        assertThat(result.buildFailed()).isTrue();
        assertThat(result.verdict()).contains("exited with code 3");
    }

    @Test
    void run_result_convertsToPlainMap() {
        SuiteResult result = run(base().shellCommand(writeReport(ONE_FAILURE)).failureThreshold(1));

        assertThat(result.toMap())
                .containsEntry("tests", 2)
                .containsEntry("passed", 1)
                .containsEntry("failed", 1)
                .containsEntry("flaky", 0)
                .containsEntry("failingTests", List.of("b"))
                .containsEntry(
                        "reportDirectory", workspace.resolve("selenium-report").toString());
        assertThat(workspace.resolve("selenium-report/index.html")).isRegularFile();
    }

    @Test
    void run_missingWorkingDirectory_isRefusedWithThePath() {
        SuiteRequest request = base().workingDirectory(workspace.resolve("absent"))
                .shellCommand("true")
                .build();

        assertThatThrownBy(() -> new SuiteRunner(new LocalProcessRunner(), EventSink.discard()).run(request))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("absent");
    }

    @Test
    void build_withoutReports_namesTheParameter() {
        assertThatThrownBy(() -> SuiteRequest.builder()
                        .workingDirectory(workspace)
                        .shellCommand("true")
                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("reports:");
    }

    @Test
    void build_baseUrlNotHttp_namesTheParameter() {
        assertThatThrownBy(
                        () -> base().shellCommand("true").baseUrl("ftp://shop").build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("baseUrl:");
    }

    @Test
    void toString_showsVariableNamesButNotValues() {
        SuiteRequest request =
                base().shellCommand("true").environment("API_TOKEN", "s3cr3t").build();

        assertThat(request.toString()).contains("API_TOKEN").doesNotContain("s3cr3t");
    }

    private SuiteRequest.Builder base() {
        return SuiteRequest.builder()
                .workingDirectory(workspace)
                .reports("reports/*.xml")
                .timeout(Duration.ofSeconds(30));
    }

    private static String writeReport(String xml) {
        return "mkdir -p reports && echo \"" + xml + "\" > reports/TEST-suite.xml";
    }

    private SuiteResult run(SuiteRequest.Builder request) {
        return new SuiteRunner(new LocalProcessRunner(), sink).run(request.build());
    }
}
