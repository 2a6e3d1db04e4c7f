package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.CloudFormationEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.ReferenceAwsCli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delivery cfn-deploy} as a subprocess against the CloudFormation emulator. Expected changes and outputs come
 * from the templates the tests deploy; the request shape is checked against what Debian's aws CLI sends for the same
 * change set.
 */
class CfnDeployCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> AWS_KEYS = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIACFNDEPLOYTEST",
            "AWS_SECRET_ACCESS_KEY", "cfn-deploy-test-secret",
            "AWS_REGION", "eu-west-1");
    private static final String IMAGE_1 =
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:" + "1".repeat(64);
    private static final String IMAGE_2 =
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:" + "2".repeat(64);

    @TempDir
    Path scratch;

    private AwsEmulator aws;
    private CloudFormationEmulator cfn;
    private String stack;

    @BeforeEach
    void start() throws IOException {
        aws = AwsEmulator.start();
        cfn = CloudFormationEmulator.on(aws);
        stack = "shop-web-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private Path template(String name) throws IOException {
        Path file = scratch.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/cfn/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private CliProcess.Run cfnDeploy(String templateName, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "cfn-deploy",
                "--stack",
                stack,
                "--template",
                template(templateName).toString(),
                "--endpoint-url",
                aws.endpoint().toString(),
                "--poll-interval",
                "PT0.1S"));
        args.addAll(List.of(extra));
        return CliProcess.run(scratch, AWS_KEYS, args.toArray(String[]::new));
    }

    private static Map<String, Object> json(CliProcess.Run run) throws IOException {
        return JSON.readValue(run.stdout(), new TypeReference<>() {});
    }

    private static Map<String, Object> change(String action, String logicalId, String type, String replacement) {
        Map<String, Object> change = new HashMap<>();
        change.put("action", action);
        change.put("logicalId", logicalId);
        change.put("type", type);
        change.put("replacement", replacement);
        return change;
    }

    @Test
    void cfnDeploy_newStack_createsItThroughAChangeSetAndReportsChangesAndOutputs() throws Exception {
        CliProcess.Run run = cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1, "--json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Map<String, Object> result = json(run);
        assertThat(result.keySet()).containsExactly("stack", "stackId", "status", "changeSetId", "changes", "outputs");
        assertThat(result.get("stack")).isEqualTo(stack);
        assertThat((String) result.get("stackId")).contains(":stack/" + stack + "/");
        assertThat(result.get("status")).isEqualTo("CREATE_COMPLETE");
        assertThat((String) result.get("changeSetId")).contains(":changeSet/");
        assertThat(result.get("changes"))
                .isEqualTo(List.of(
                        change("Add", "TaskDefinition", "AWS::ECS::TaskDefinition", null),
                        change("Add", "Service", "AWS::ECS::Service", null)));
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) result.get("outputs");
        assertThat(outputs).containsEntry("ImageUri", IMAGE_1).containsKey("TaskDefinitionArn");
        assertThat(cfn.resourceProperties(stack, "TaskDefinition").toString()).contains(IMAGE_1);
    }

    @Test
    void cfnDeploy_newImage_updatesTheStackAndWaitsPastCleanupForUpdateComplete() throws Exception {
        assertThat(cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1)
                        .exitCode())
                .isZero();

        CliProcess.Run run = cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_2, "--json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Map<String, Object> result = json(run);
        assertThat(result.get("status")).isEqualTo("UPDATE_COMPLETE");
        assertThat(result.get("changes"))
                .isEqualTo(List.of(change("Modify", "TaskDefinition", "AWS::ECS::TaskDefinition", "False")));
        assertThat(result.get("outputs"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("ImageUri", IMAGE_2);
        assertThat(cfn.createChangeSetForms().get(1)).containsEntry("ChangeSetType", "UPDATE");
    }

    @Test
    void cfnDeploy_noChanges_isASuccessWithNoChangesAndTheEmptyChangeSetDeleted() throws Exception {
        assertThat(cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1)
                        .exitCode())
                .isZero();

        CliProcess.Run run = cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1, "--json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        Map<String, Object> result = json(run);
        assertThat(result.get("status")).isEqualTo("CREATE_COMPLETE");
        assertThat(result.get("changes")).isEqualTo(List.of());
        assertThat(result.get("changeSetId")).isNull();
        assertThat(cfn.deletedChangeSets()).hasSize(1);
        assertThat(cfn.changeSetIds()).doesNotContainAnyElementsOf(cfn.deletedChangeSets());
    }

    @Test
    void cfnDeploy_resourceFailsOnCreate_isAFailureNamingTheFirstFailedResourceAndItsReason() throws Exception {
        cfn.pageSize(1);

        CliProcess.Run run = cfnDeploy("web-service-broken.json", "--parameter", "ImageUri=" + IMAGE_1, "--json");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr())
                .contains("ROLLBACK_COMPLETE")
                .contains("resource Alarm (Test::Resource::Fails) CREATE_FAILED")
                .contains("Invalid metric name web/5xx");
        Map<String, Object> result = json(run);
        assertThat(result.get("status")).isEqualTo("ROLLBACK_COMPLETE");
        assertThat((List<?>) result.get("changes")).hasSize(3);
    }

    @Test
    void cfnDeploy_resourceFailsOnUpdate_isAFailureAndTheStackKeepsItsResources() throws Exception {
        assertThat(cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1)
                        .exitCode())
                .isZero();

        CliProcess.Run run = cfnDeploy("web-service-broken.json", "--parameter", "ImageUri=" + IMAGE_2, "--json");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("UPDATE_ROLLBACK_COMPLETE").contains("resource Alarm");
        assertThat(json(run).get("status")).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(cfn.resourceProperties(stack, "TaskDefinition").toString()).contains(IMAGE_1);
    }

    @Test
    void cfnDeploy_stackInUpdateRollbackFailed_isRefusedBeforeAChangeSetSayingWhatToDo() throws Exception {
        assertThat(cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1)
                        .exitCode())
                .isZero();
        cfn.forceStatus(stack, "UPDATE_ROLLBACK_FAILED");

        CliProcess.Run run = cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_2);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("UPDATE_ROLLBACK_FAILED").contains("continue-update-rollback");
        assertThat(cfn.createChangeSetForms()).hasSize(1);
    }

    @Test
    void cfnDeploy_stackWithAnOperationInProgress_isRefusedBeforeAChangeSet() throws Exception {
        assertThat(cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1)
                        .exitCode())
                .isZero();
        cfn.forceStatus(stack, "UPDATE_IN_PROGRESS");

        CliProcess.Run run = cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_2);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("UPDATE_IN_PROGRESS").contains("wait until it finishes");
        assertThat(cfn.createChangeSetForms()).hasSize(1);
    }

    @Test
    void cfnDeploy_templateNeedingACapabilityNotGiven_isReportedNamingTheParameter() throws Exception {
        CliProcess.Run run = cfnDeploy("deploy-role.yaml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("--capability").contains("CAPABILITY_NAMED_IAM");

        CliProcess.Run withCapability = cfnDeploy("deploy-role.yaml", "--capability", "CAPABILITY_NAMED_IAM");

        assertThat(withCapability.exitCode()).as(withCapability.stderr()).isZero();
    }

    @Test
    void cfnDeploy_noExecute_reportsTheChangeSetAndLeavesTheStackUnchanged_thenARunExecutesIt() throws Exception {
        CliProcess.Run review =
                cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1, "--no-execute", "--json");

        assertThat(review.exitCode()).as(review.stderr()).isZero();
        Map<String, Object> result = json(review);
        assertThat(result.get("status")).isEqualTo("REVIEW_IN_PROGRESS");
        assertThat((List<?>) result.get("changes")).hasSize(2);
        assertThat(cfn.changeSetIds()).contains((String) result.get("changeSetId"));
        assertThat(cfn.resourceProperties(stack, "TaskDefinition")).isNull();

        CliProcess.Run execute = cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1, "--json");

        assertThat(execute.exitCode()).as(execute.stderr()).isZero();
        assertThat(json(execute).get("status")).isEqualTo("CREATE_COMPLETE");
    }

    @Test
    void cfnDeploy_stackOperationLongerThanTheTimeout_failsSayingSo() throws Exception {
        assertThat(cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_1)
                        .exitCode())
                .isZero();
        cfn.hold(true);
        cfn.forceStatus(stack, "UPDATE_COMPLETE");

        CliProcess.Run run = cfnDeploy("web-service.json", "--parameter", "ImageUri=" + IMAGE_2, "--timeout", "2s");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("within 2 s");
    }

    /** Creates a change set with Debian's aws CLI: the reference request the engine's must equal. */
    private void referenceChangeSet(String templateName, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "cloudformation",
                "create-change-set",
                "--stack-name",
                stack,
                "--change-set-name",
                "reference",
                "--change-set-type",
                "CREATE",
                "--description",
                "aws-container-delivery",
                "--template-body",
                "file://" + template(templateName)));
        args.addAll(List.of(options));
        ReferenceAwsCli.run(aws, scratch, args.toArray(String[]::new));
    }

    /** The engine's CreateChangeSet form equals the aws CLI's, but for the change set's name. */
    private void assertSentAsTheReference() {
        Map<String, String> reference = new HashMap<>(cfn.createChangeSetForms().get(0));
        Map<String, String> ours = new HashMap<>(cfn.createChangeSetForms().get(1));
        assertThat(ours.remove("ChangeSetName")).startsWith("delivery-");
        reference.remove("ChangeSetName");
        assertThat(ours).isEqualTo(reference);
    }

    @Test
    void cfnDeploy_sendsCapabilitiesTagsAndRoleAsTheAwsCliSendsThem() throws Exception {
        referenceChangeSet(
                "deploy-role.yaml",
                "--capabilities",
                "CAPABILITY_NAMED_IAM",
                "--tags",
                "Key=team,Value=shop",
                "Key=stage,Value=test",
                "--role-arn",
                "arn:aws:iam::123456789012:role/cfn-deployer");

        CliProcess.Run run = cfnDeploy(
                "deploy-role.yaml",
                "--capability",
                "CAPABILITY_NAMED_IAM",
                "--tag",
                "team=shop",
                "--tag",
                "stage=test",
                "--cfn-role-arn",
                "arn:aws:iam::123456789012:role/cfn-deployer",
                "--no-execute");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertSentAsTheReference();
    }

    @Test
    void cfnDeploy_sendsParametersAsTheAwsCliSendsThem() throws Exception {
        referenceChangeSet(
                "web-service.json",
                "--parameters",
                "ParameterKey=ImageUri,ParameterValue=" + IMAGE_1,
                "ParameterKey=DesiredCount,ParameterValue=3");

        CliProcess.Run run = cfnDeploy(
                "web-service.json",
                "--parameter",
                "ImageUri=" + IMAGE_1,
                "--parameter",
                "DesiredCount=3",
                "--no-execute");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertSentAsTheReference();
    }
}
