package io.jenkins.plugins.awsdelivery.engine.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.TestImages;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScanGateTest {
    private EcrTestEnvironment env;
    private Ecr ecr;
    private ScanGate gate;
    private Digest digest;

    @BeforeEach
    void start() throws Exception {
        env = new EcrTestEnvironment();
        ecr = Ecr.connect(env.connection().build(), env.events);
        gate = ecr.scanGate().withTiming(Duration.ofSeconds(5), Duration.ofMillis(20));
        env.ecr.givenRepository("team/app", "MUTABLE");
        digest = TestImages.push(env.registry.url(), "team/app", "1.0", "a");
    }

    @AfterEach
    void stop() {
        ecr.close();
        env.close();
    }

    @Test
    void check_whenFindingsAtOrAboveTheThresholdExist_failsListingTheCountsPerSeverity() {
        env.ecr.scanFindings(digest, Map.of("CRITICAL", 1, "HIGH", 2, "MEDIUM", 4), 0);

        assertThatThrownBy(() -> gate.check("team/app", null, digest, Severity.HIGH))
                .isInstanceOf(ScanGateException.class)
                .hasMessageContaining("3 scan finding(s) at or above HIGH")
                .hasMessageContaining("CRITICAL 1, HIGH 2, MEDIUM 4")
                .hasMessageContaining(digest.toString());
    }

    @Test
    void check_whenFindingsAreBelowTheThreshold_passesWithTheCounts() {
        env.ecr.scanFindings(digest, Map.of("MEDIUM", 3, "LOW", 5), 0);

        ScanReport report = gate.check("team/app", null, digest, Severity.HIGH);

        assertThat(report.passed()).isTrue();
        assertThat(report.toMap()).containsEntry("findingSeverityCounts", Map.of("MEDIUM", 3, "LOW", 5));
    }

    @Test
    void check_whileTheScanIsInProgress_waitsForItToComplete() {
        env.ecr.scanFindings(digest, Map.of("CRITICAL", 1), 3);

        assertThatThrownBy(() -> gate.check("team/app", null, digest, Severity.CRITICAL))
                .isInstanceOf(ScanGateException.class);
        assertThat(env.ecr.scanPolls()).isEqualTo(4);
    }

    @Test
    void check_whenNoScanExists_failsSayingToEnableScanOnPush() {
        assertThatThrownBy(() -> gate.check("team/app", null, digest, Severity.HIGH))
                .isInstanceOf(EcrException.class)
                .hasMessageContaining("no scan exists")
                .hasMessageContaining("scan on push");
    }

    @Test
    void check_whenTheScanNeverCompletes_failsAfterTheTimeout() {
        env.ecr.scanFindings(digest, Map.of(), 1_000_000);

        assertThatThrownBy(() -> ecr.scanGate()
                        .withTiming(Duration.ofMillis(200), Duration.ofMillis(20))
                        .check("team/app", null, digest, Severity.HIGH))
                .isInstanceOf(EcrException.class)
                .hasMessageContaining("did not complete");
    }

    @Test
    void severity_parse_ofAnUnknownName_listsTheValidOnes() {
        assertThatThrownBy(() -> Severity.parse("scanSeverityThreshold", "SEVERE"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL");
    }
}
