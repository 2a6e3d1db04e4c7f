package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.selenium.example.ChromiumSession;
import io.jenkins.plugins.awsdelivery.engine.selenium.example.ExampleShop;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * The real thing: the example Selenium 4 suite drives Debian's Chromium through the managed chromedriver against the
 * example shop, one of its tests fails on purpose, and the report is opened in Chromium under Jenkins's CSP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeleniumSuiteEndToEndTest {
    static final String FAILING_TEST = "orderForm_offersFreeShipping";

    @TempDir
    static Path workspace;

    private ExampleShop shop;
    private Set<Long> browsersBefore;
    private final RecordingSink sink = new RecordingSink();
    private final List<String> log = sink.lines();
    private SuiteResult result;

    @BeforeAll
    void runExampleSuite() throws IOException {
        shop = ExampleShop.start();
        browsersBefore = BrowserProcesses.running();
        SuiteRequest request = SuiteRequest.builder()
                .command(SuiteCommands.consoleLauncher(
                        "io.jenkins.plugins.awsdelivery.engine.selenium.example.ExampleShopSuite", "test-reports"))
                .workingDirectory(workspace)
                .baseUrl(shop.url())
                .managedBrowser(true)
                .reports("test-reports/*.xml")
                .screenshots("screenshots")
                .timeout(Duration.ofMinutes(3))
                .build();

        result = new SuiteRunner(new LocalProcessRunner(), sink).run(request);
    }

    @AfterAll
    void stopShop() {
        shop.close();
    }

    @Test
    void run_exampleSuite_countsEveryTestOfTheSuite() {
        assertThat(List.of(result.tests(), result.passed(), result.failed(), result.errors(), result.skipped()))
                .as("tests, passed, failed, errors, skipped; log:%n%s", String.join("\n", log))
                .containsExactly(3, 2, 1, 0, 0);
    }

    @Test
    void run_exampleSuiteWithFailingTest_failsTheBuildAndNamesTheTest() {
        assertThat(result.buildFailed()).isTrue();
        assertThat(result.failingTests()).singleElement().asString().contains(FAILING_TEST);
        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void run_suiteOutput_isStreamedToTheEventSink() {
        assertThat(log).anyMatch(line -> line.contains("orderForm_confirmsOrderWithChosenShipping"));
    }

    @Test
    void run_afterTheSuite_noChromedriverOrChromiumProcessSurvives() {
        assertThat(BrowserProcesses.startedSince(browsersBefore)).isEmpty();
    }

    @Test
    void report_hasNoScriptAndNoInlineStyle() throws IOException {
        try (Stream<Path> files = Files.walk(result.reportDirectory())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file);
                assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase(" style=");
                assertThat(html).doesNotContainIgnoringCase("<style");
            }
        }
        assertThat(result.reportDirectory().resolve(HtmlReport.STYLESHEET)).isRegularFile();
    }

    @Test
    void report_openedInChromiumUnderJenkinsCsp_displaysFailingTestsScreenshot() throws Exception {
        try (CspFileServer server = CspFileServer.serve(result.reportDirectory());
                ManagedBrowser browser =
                        ManagedBrowser.start(ManagedBrowser.DEBIAN_CHROMEDRIVER, EventSink.discard())) {
            RemoteWebDriver driver = ChromiumSession.open(browser.remoteUrl().toString());
            try {
                driver.get(server.url("index.html"));

                WebElement screenshot = driver.findElement(By.cssSelector("#failures figure.screenshot img"));
                Object width = driver.executeScript("return arguments[0].naturalWidth;", screenshot);
                assertThat(((Number) width).intValue()).isGreaterThan(0);
                assertThat(driver.findElement(By.cssSelector("#failures h3")).getText())
                        .contains(FAILING_TEST);
                // The stylesheet loaded under the CSP: the failed verdict has its background colour.
                assertThat(driver.findElement(By.cssSelector(".verdict-failed")).getCssValue("background-color"))
                        .isEqualTo("rgba(253, 226, 225, 1)");
            } finally {
                driver.quit();
            }
        }
    }
}
