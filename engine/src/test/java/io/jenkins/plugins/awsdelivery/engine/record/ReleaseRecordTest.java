package io.jenkins.plugins.awsdelivery.engine.record;

import static io.jenkins.plugins.awsdelivery.engine.record.ShopRelease.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseRecordTest {

    @Test
    void with_returnsANewRecordAndLeavesTheOriginalUnchanged() {
        ReleaseRecord original = ReleaseRecord.empty().with(ShopRelease.push());

        ReleaseRecord appended = original.with(ShopRelease.eksDeployment());

        assertThat(original.entries()).containsExactly(ShopRelease.push());
        assertThat(appended.entries()).containsExactly(ShopRelease.push(), ShopRelease.eksDeployment());
    }

    @Test
    void with_whenTheEntryHappenedEarlier_placesItInTimeOrder() {
        ReleaseRecord record = ReleaseRecord.empty().with(ShopRelease.testRun()).with(ShopRelease.promotion());

        ReleaseRecord withLateApproval = record.with(ShopRelease.approval());

        assertThat(withLateApproval.entries())
                .containsExactly(ShopRelease.testRun(), ShopRelease.approval(), ShopRelease.promotion());
    }

    @Test
    void with_whenTimesAreEqual_keepsTheOrderOfAddition() {
        PushEntry first = PushEntry.of(at("10:00"), "r.example.com", "a", List.of(), ShopRelease.WEB);
        PushEntry second = PushEntry.of(at("10:00"), "r.example.com", "b", List.of(), ShopRelease.WEB);

        ReleaseRecord record = ReleaseRecord.empty().with(first).with(second);

        assertThat(record.entries()).containsExactly(first, second);
    }

    @Test
    void entries_ofAKind_returnsOnlyThatKindInOrder() {
        assertThat(ShopRelease.record().entries(DeploymentEntry.class))
                .containsExactly(
                        ShopRelease.eksDeployment(), ShopRelease.ecsDeploymentRolledBack(), ShopRelease.stackDryRun());
    }

    @Test
    void entries_cannotBeModified() {
        ReleaseRecord record = ShopRelease.record();

        assertThatThrownBy(() -> record.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ShopRelease.push().tags().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void build_withoutTime_namesTheParameter() {
        assertThatThrownBy(() -> TestRunEntry.builder().digest(ShopRelease.WEB).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("time:");
    }

    @Test
    void build_withAShortenedDigest_namesTheParameterAndTheForm() {
        assertThatThrownBy(() -> TestRunEntry.builder()
                        .time(at("10:00"))
                        .digest("sha256:4315c8fd")
                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("digest:")
                .hasMessageContaining("64");
    }

    @Test
    void build_withANegativeCount_namesTheParameter() {
        assertThatThrownBy(() -> TestRunEntry.builder()
                        .time(at("10:00"))
                        .digest(ShopRelease.WEB)
                        .failed(-1)
                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("failed:");
    }

    @Test
    void build_deploymentWithoutOutcome_listsTheOutcomes() {
        assertThatThrownBy(() -> DeploymentEntry.builder()
                        .time(at("10:00"))
                        .target(DeploymentTarget.cloudFormation("s"))
                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("outcome:")
                .hasMessageContaining("SUCCEEDED, FAILED, ROLLED_BACK or DRY_RUN");
    }

    @Test
    void image_whenTheReferenceHasADigest_recordsTheDigestAsDeployed() {
        DeploymentEntry deployment = ShopRelease.eksDeployment();

        assertThat(deployment.digests()).extracting(Object::toString).containsExactly(ShopRelease.WEB);
    }

    @Test
    void succeeded_isTrueOnlyWhenTestsRanAndNoneFailedOrErred() {
        TestRunEntry.Builder run = TestRunEntry.builder().time(at("10:00")).digest(ShopRelease.WEB);

        assertThat(run.tests(3).passed(2).skipped(1).build().succeeded()).isTrue();
        assertThat(run.tests(3).passed(2).failed(1).skipped(0).build().succeeded())
                .isFalse();
        assertThat(run.tests(3).passed(2).failed(0).errors(1).build().succeeded())
                .isFalse();
        assertThat(run.tests(0).passed(0).errors(0).build().succeeded()).isFalse();
    }
}
