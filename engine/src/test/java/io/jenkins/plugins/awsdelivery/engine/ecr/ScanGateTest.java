package io.jenkins.plugins.awsdelivery.engine.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator.EnhancedFinding;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator.ScanAnswer;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void check_whileTheScanIsInProgress_waitsForItToComplete_andForTwoEqualReads() {
        env.ecr.scanFindings(digest, Map.of("CRITICAL", 1), 3);

        assertThatThrownBy(() -> gate.check("team/app", null, digest, Severity.CRITICAL))
                .isInstanceOf(ScanGateException.class);
        assertThat(env.ecr.scanPolls()).isEqualTo(3 + 2);
    }

    @Test
    void check_whenABasicScanReportsCompleteBeforeItsCountsSettle_decidesOnTheSettledCounts() {
        env.ecr.scanAnswers(
                digest,
                List.of(
                        ScanAnswer.complete(Map.of()),
                        ScanAnswer.complete(Map.of("HIGH", 1)),
                        ScanAnswer.complete(Map.of("HIGH", 2, "LOW", 1))));

        assertThatThrownBy(() -> gate.check("team/app", null, digest, Severity.HIGH))
                .isInstanceOf(ScanGateException.class)
                .hasMessageContaining("2 scan finding(s) at or above HIGH: HIGH 2, LOW 1");
    }

    @Test
    void check_whenTheCountsNeverSettle_decidesOnTheLastCountsReadAtTheTimeout() {
        List<ScanAnswer> changing = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            changing.add(ScanAnswer.complete(Map.of("LOW", i)));
        }
        env.ecr.scanAnswers(digest, changing);

        ScanReport report = ecr.scanGate()
                .withTiming(Duration.ofMillis(300), Duration.ofMillis(20))
                .check("team/app", null, digest, Severity.HIGH);

        assertThat(report.passed()).isTrue();
        assertThat(report.counts()).containsOnlyKeys(Severity.LOW);
        assertThat(env.events.text()).contains("still changing");
    }

    @Test
    void check_withEnhancedScanning_countsTheActiveFindingsOfEveryPageBySeverity() {
        env.ecr.pageSize(2);
        env.ecr.scanAnswers(
                digest,
                List.of(ScanAnswer.enhanced(List.of(
                        new EnhancedFinding("CRITICAL", "ACTIVE", "CVE-2024-0001"),
                        new EnhancedFinding("HIGH", "ACTIVE", "CVE-2024-0002"),
                        new EnhancedFinding("HIGH", "SUPPRESSED", "CVE-2024-0003"),
                        new EnhancedFinding("HIGH", "CLOSED", "CVE-2024-0004"),
                        new EnhancedFinding("MEDIUM", "ACTIVE", "CVE-2024-0005")))));

        assertThatThrownBy(() -> gate.check("team/app", null, digest, Severity.HIGH))
                .isInstanceOf(ScanGateException.class)
                .hasMessageContaining("2 scan finding(s) at or above HIGH: CRITICAL 1, HIGH 1, MEDIUM 1")
                .satisfies(e -> assertThat(((ScanGateException) e).report().scanStatus())
                        .isEqualTo("ACTIVE"));
    }

    @Test
    void check_withEnhancedScanning_whenOnlySuppressedFindingsReachTheThreshold_passes() {
        env.ecr.scanAnswers(
                digest,
                List.of(ScanAnswer.enhanced(List.of(
                        new EnhancedFinding("CRITICAL", "SUPPRESSED", "CVE-2024-0001"),
                        new EnhancedFinding("LOW", "ACTIVE", "CVE-2024-0002")))));

        ScanReport report = gate.check("team/app", null, digest, Severity.HIGH);

        assertThat(report.passed()).isTrue();
        assertThat(report.toMap())
                .containsEntry("scanStatus", "ACTIVE")
                .containsEntry("findingSeverityCounts", Map.of("LOW", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNSUPPORTED_IMAGE", "FAILED"})
    void check_whenTheScanCannotRun_failsByDefaultNamingTheStatusAndTheOption(String status) {
        env.ecr.scanAnswers(digest, List.of(ScanAnswer.unavailable(status, "the scan could not run")));

        assertThatThrownBy(() -> gate.check("team/app", null, digest, Severity.HIGH))
                .isInstanceOf(EcrException.class)
                .isNotInstanceOf(ScanGateException.class)
                .hasMessageContaining("ended " + status + " (the scan could not run)")
                .hasMessageContaining("allowUnscannedImage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNSUPPORTED_IMAGE", "FAILED"})
    void check_whenTheScanCannotRun_andUnscannedImagesAreAllowed_letsTheImagePassWithAWarning(String status) {
        env.ecr.scanAnswers(digest, List.of(ScanAnswer.unavailable(status, "the scan could not run")));

        ScanReport report = gate.allowingUnscannedImages().check("team/app", null, digest, Severity.HIGH);

        assertThat(report.scanned()).isFalse();
        assertThat(report.passed()).isFalse();
        assertThat(report.scanStatus()).isEqualTo(status);
        assertThat(env.events.lines())
                .anySatisfy(line -> assertThat(line).startsWith("WARN ").contains(status));
    }

    @Test
    void scanGateException_keepsItsReportThroughJavaSerialization() throws Exception {
        env.ecr.scanFindings(digest, Map.of("CRITICAL", 1), 0);
        ScanGateException thrown = catchThrowableOfType(
                () -> gate.check("team/app", null, digest, Severity.HIGH), ScanGateException.class);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(thrown);
        }
        ScanGateException copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ScanGateException) in.readObject();
        }

        assertThat(copy.report().toMap()).isEqualTo(thrown.report().toMap());
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
