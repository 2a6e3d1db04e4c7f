package io.jenkins.plugins.awsdelivery.engine.record;

import java.time.Instant;
import java.util.List;

/**
 * The release of {@code src/test/resources/record/release-v1.json} and of the example in docs/approval.md, built
 * with the public builders: shop/web pushed, deployed to EKS, a worker's ECS deployment rolled back, a CloudFormation
 * dry run, tests passed, approved by bob, promoted to the production account.
 */
final class ShopRelease {
    static final String WEB = "sha256:4315c8fd5a82533f56a83922bc1d5a2cff2b1f1e76117f66673abbcffd6c9fff";
    static final String WORKER = "sha256:f9c02351f0f0c5862e79aefdf18e73cf37ebbeeafb8a73361641499d814211f7";
    static final String TEST_ECR = "111111111111.dkr.ecr.eu-west-1.amazonaws.com";
    static final String PROD_ECR = "222222222222.dkr.ecr.us-east-1.amazonaws.com";

    private ShopRelease() {}

    static Instant at(String hourMinute) {
        return Instant.parse("2026-12-01T" + hourMinute + ":00Z");
    }

    static PushEntry push() {
        return PushEntry.of(at("10:00"), TEST_ECR, "shop/web", List.of("1.4.2", "4f1c2e7"), WEB);
    }

    static DeploymentEntry eksDeployment() {
        return DeploymentEntry.builder()
                .time(at("10:03"))
                .target(DeploymentTarget.kubernetes("staging", "shop"))
                .outcome(DeploymentOutcome.SUCCEEDED)
                .resource(DeployedResource.of("Deployment", "web", "7"))
                .resource(DeployedResource.of("Service", "web", null))
                .image("shop/web", TEST_ECR + "/shop/web@" + WEB)
                .build();
    }

    static DeploymentEntry ecsDeploymentRolledBack() {
        return DeploymentEntry.builder()
                .time(at("10:05"))
                .target(DeploymentTarget.ecs("staging", "worker"))
                .outcome(DeploymentOutcome.ROLLED_BACK)
                .resource(DeployedResource.of("TaskDefinition", "worker", "12"))
                .rolledBack(DeployedResource.of("TaskDefinition", "worker", "11"))
                .image("worker", TEST_ECR + "/shop/worker@" + WORKER)
                .build();
    }

    static DeploymentEntry stackDryRun() {
        return DeploymentEntry.builder()
                .time(at("10:06"))
                .target(DeploymentTarget.cloudFormation("shop-staging-cdn"))
                .outcome(DeploymentOutcome.DRY_RUN)
                .digest(WEB)
                .build();
    }

    static TestRunEntry testRun() {
        return TestRunEntry.builder()
                .time(at("10:09"))
                .digest(WEB)
                .tests(42)
                .passed(40)
                .skipped(2)
                .flaky(1)
                .baseUrl("https://staging.shop.example.com")
                .reportUrl("https://jenkins.example.com/job/shop/job/main/42/selenium/")
                .build();
    }

    static ApprovalEntry approval() {
        return ApprovalEntry.builder()
                .time(at("10:31"))
                .inputId("release")
                .message("Promote shop/web@" + WEB + " to production?")
                .approver("bob")
                .parameter("ticket", "CHG-1234")
                .build();
    }

    static PromotionEntry promotion() {
        return PromotionEntry.builder()
                .time(at("10:33"))
                .source(TEST_ECR + "/shop/web:1.4.2@" + WEB)
                .destination(PROD_ECR + "/shop/web:1.4.2@" + WEB)
                .digest(WEB)
                .blobsCopied(5)
                .blobsSkipped(1)
                .bytesCopied(73_400_320L)
                .build();
    }

    static ReleaseRecord record() {
        return ReleaseRecord.empty()
                .with(push())
                .with(eksDeployment())
                .with(ecsDeploymentRolledBack())
                .with(stackDryRun())
                .with(testRun())
                .with(approval())
                .with(promotion());
    }
}
