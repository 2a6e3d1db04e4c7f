package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.selenium.example.ExampleShop;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A suite that opens Chromium and then hangs until the runner's timeout kills it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuiteTimeoutTest {
    @TempDir
    static Path workspace;

    private final RecordingSink sink = new RecordingSink();
    private final List<String> log = sink.lines();
    private Set<Long> browsersBefore;
    private SuiteResult result;

    @BeforeAll
    void runHangingSuite() throws Exception {
        try (ExampleShop shop = ExampleShop.start()) {
            browsersBefore = BrowserProcesses.running();
            SuiteRequest request = SuiteCommands.hangingSuite(workspace, shop.url())
                    .timeout(Duration.ofSeconds(20))
                    .build();

            result = new SuiteRunner(new LocalProcessRunner(), sink).run(request);
        }
    }

    @AfterAll
    void noBrowserLeftBehind() {
        assertThat(BrowserProcesses.startedSince(browsersBefore)).isEmpty();
    }

    @Test
    void run_suiteOpensBrowserAndHangs_browserWasReallyOpenBeforeTheTimeout() {
        assertThat(log).anyMatch(line -> line.contains("now hanging"));
    }

    @Test
    void run_suiteHangs_timesOutAndFailsTheBuild() {
        assertThat(result.timedOut()).isTrue();
        assertThat(result.buildFailed()).isTrue();
        assertThat(result.verdict()).contains("timed out");
    }

    @Test
    void run_suiteTimedOut_noChromedriverOrChromiumProcessSurvives() {
        assertThat(BrowserProcesses.startedSince(browsersBefore)).isEmpty();
    }
}
