package io.jenkins.plugins.awsdelivery.engine.record;

import static io.jenkins.plugins.awsdelivery.engine.record.ShopRelease.WEB;
import static io.jenkins.plugins.awsdelivery.engine.record.ShopRelease.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import org.junit.jupiter.api.Test;

class ApprovalEvidenceTest {
    private static final ApprovalPolicy RELEASE_POLICY = new ApprovalPolicy(ApprovalRules.builder()
            .requireApproval(true)
            .forbidSelfApproval(true)
            .build());

    /** The record as it stands when the {@code input} step asks: pushed, deployed, tested, not yet approved. */
    private static ReleaseRecord beforeApproval() {
        return ReleaseRecord.empty()
                .with(ShopRelease.push())
                .with(ShopRelease.eksDeployment())
                .with(ShopRelease.ecsDeploymentRolledBack())
                .with(ShopRelease.stackDryRun())
                .with(ShopRelease.testRun());
    }

    @Test
    void forDigest_beforeApproval_showsImageDeploymentsTestsAndWhatThePolicyStillNeeds() {
        String evidence = ApprovalEvidence.forDigest(beforeApproval(), Digest.parse(WEB), RELEASE_POLICY, "alice");

        assertThat(evidence)
                .isEqualTo(
                        """
                        Image: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/shop/web@%1$s (tags: 1.4.2, 4f1c2e7)
                        Deployed:
                        - cluster staging, namespace shop: succeeded at 2026-12-01T10:03:00Z (Deployment/web revision 7, Service/web)
                        - stack shop-staging-cdn: dry run (nothing changed) at 2026-12-01T10:06:00Z
                        Tested: passed at 2026-12-01T10:09:00Z, 42 tests: 40 passed, 0 failed, 0 errors, 2 skipped, 1 flaky
                        Tested at: https://staging.shop.example.com
                        Report: https://jenkins.example.com/job/shop/job/main/42/selenium/
                        Promotion now: refused
                        - no approval counts for %1$s after its last passing test run (at 2026-12-01T10:09:00Z); \
                        have 1 more user (not alice) approve an input step after the tests, with no other image \
                        deployed or tested after the approval"""
                                .formatted(WEB));
    }

    @Test
    void forDigest_afterApproval_saysAllowedAndByWhom() {
        ReleaseRecord approved = beforeApproval().with(ShopRelease.approval());

        String evidence = ApprovalEvidence.forDigest(approved, Digest.parse(WEB), RELEASE_POLICY, "alice");

        assertThat(evidence).endsWith("\nPromotion now: allowed, approved by bob");
    }

    @Test
    void forDigest_ofARolledBackImageNeverTestedOrPushed_saysSo() {
        String evidence = ApprovalEvidence.forDigest(beforeApproval(), Digest.parse(WORKER), null, "alice");

        assertThat(evidence)
                .isEqualTo(
                        """
                        Image: %s (not pushed by this build)
                        Deployed:
                        - ECS service worker in cluster staging: failed and was rolled back at 2026-12-01T10:05:00Z \
                        (TaskDefinition/worker revision 12), rolled back to TaskDefinition/worker revision 11
                        Tested: no test run after its last deployment"""
                                .formatted(WORKER));
    }

    @Test
    void forDigestAndOneLine_withTheDigestAsText_describeThatImage() {
        ReleaseRecord approved = beforeApproval().with(ShopRelease.approval());

        assertThat(ApprovalEvidence.forDigest(approved, WEB, RELEASE_POLICY, "alice"))
                .startsWith("Image: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/shop/web@" + WEB)
                .endsWith("\nPromotion now: allowed, approved by bob");
        assertThat(ApprovalEvidence.oneLine(approved, WEB)).startsWith("shop/web@" + WEB + " (tags: 1.4.2, 4f1c2e7)");
    }

    @Test
    void oneLine_givesImageLastDeploymentTestsAndReportOnOneLine() {
        String line = ApprovalEvidence.oneLine(beforeApproval(), Digest.parse(WEB));

        assertThat(line)
                .isEqualTo("shop/web@" + WEB + " (tags: 1.4.2, 4f1c2e7): last deployed to cluster staging, namespace"
                        + " shop (succeeded); tests passed, 42 tests: 40 passed, 0 failed, 0 errors, 2 skipped, 1"
                        + " flaky; report https://jenkins.example.com/job/shop/job/main/42/selenium/");
    }

    @Test
    void oneLine_ofAnImageNeitherDeployedNorTested_saysSo() {
        String line = ApprovalEvidence.oneLine(ReleaseRecord.empty().with(ShopRelease.push()), Digest.parse(WEB));

        assertThat(line)
                .isEqualTo("shop/web@" + WEB + " (tags: 1.4.2, 4f1c2e7): not deployed by this build; not tested");
    }
}
