package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.ReferenceAwsCli;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.TestImages;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delivery ecs-deploy} as a subprocess against the ECS emulator, whose tasks pull from a real registry. The
 * first revision of the task definition is registered by Debian's aws CLI, so "every field kept" is checked against
 * the request the reference tool sent; digests come from the registry.
 */
class EcsDeployCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> AWS_KEYS = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIAECSDEPLOYTEST",
            "AWS_SECRET_ACCESS_KEY", "ecs-deploy-test-secret",
            "AWS_REGION", "eu-west-1");
    private static final String CLUSTER = "shop";

    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    @TempDir
    Path scratch;

    private AwsEmulator aws;
    private EcsEmulator ecs;
    private String service;
    private String webRepository;
    private Digest firstWeb;
    private Digest secondWeb;
    private String firstRevision;
    private Path taskDefinitionFile;

    @BeforeEach
    void start() throws Exception {
        aws = AwsEmulator.start();
        ecs = EcsEmulator.on(aws);
        service = "web-" + UUID.randomUUID().toString().substring(0, 8);
        webRepository = "shop/web-" + service;
        firstWeb = TestImages.push(registry.url(), webRepository, "1.0", "first " + service);
        secondWeb = TestImages.push(registry.url(), webRepository, "2.0", "second " + service);
        TestImages.push(registry.url(), "shop/log-router", "1.0", "log router");
        String fixture = new String(
                getClass().getResourceAsStream("/ecs/web-task-definition.json").readAllBytes(), StandardCharsets.UTF_8);
        taskDefinitionFile = scratch.resolve("task-definition.json");
        Files.writeString(
                taskDefinitionFile,
                fixture.replace("REGISTRY/shop/web:1.0", registry.hostPort() + "/" + webRepository + ":1.0")
                        .replace("REGISTRY", registry.hostPort()));
        String registered = ReferenceAwsCli.run(
                aws, scratch, "ecs", "register-task-definition", "--cli-input-json", "file://" + taskDefinitionFile);
        firstRevision = JSON.readTree(registered)
                .path("taskDefinition")
                .path("taskDefinitionArn")
                .asText();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private CliProcess.Run ecsDeploy(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "ecs-deploy",
                "--cluster",
                CLUSTER,
                "--service",
                service,
                "--endpoint-url",
                aws.endpoint().toString(),
                "--poll-interval",
                "PT0.1S"));
        args.addAll(List.of(extra));
        return CliProcess.run(scratch, AWS_KEYS, args.toArray(String[]::new));
    }

    private String pinned(Digest digest) {
        return registry.hostPort() + "/" + webRepository + "@" + digest;
    }

    private static Map<String, Object> json(CliProcess.Run run) throws Exception {
        return JSON.readValue(run.stdout(), new com.fasterxml.jackson.core.type.TypeReference<>() {});
    }

    /** The ECS calls ecs-deploy made (not those of the reference CLI). */
    private List<String> operations() {
        return aws.calls().stream()
                .filter(call -> call.accessKeyId().equals(AWS_KEYS.get("AWS_ACCESS_KEY_ID")))
                .map(AwsEmulator.RecordedCall::operation)
                .toList();
    }

    private String revisionArn(int revision) {
        return firstRevision.substring(0, firstRevision.lastIndexOf(':') + 1) + revision;
    }

    @Test
    void ecsDeploy_registersARevisionThatKeepsEveryFieldOfTheCurrentOneAndPinsOnlyTheNamedContainer() throws Exception {
        ecs.givenService(CLUSTER, service, firstRevision, 2, true, true, Map.of());

        CliProcess.Run run = ecsDeploy("--image", "web=" + pinned(secondWeb), "--json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        Map<String, Object> result = json(run);
        assertThat(result.keySet())
                .containsExactly(
                        "cluster",
                        "service",
                        "taskDefinitionArn",
                        "previousTaskDefinitionArn",
                        "deploymentId",
                        "rolloutState",
                        "images",
                        "rolledBack");
        assertThat(result.get("previousTaskDefinitionArn")).isEqualTo(firstRevision);
        assertThat(result.get("taskDefinitionArn")).isEqualTo(revisionArn(2));
        assertThat(result.get("rolloutState")).isEqualTo("COMPLETED");
        assertThat(result.get("rolledBack")).isEqualTo(false);
        assertThat(result.get("images")).isEqualTo(Map.of("web", pinned(secondWeb)));
        assertThat((String) result.get("deploymentId")).startsWith("ecs-svc/");
        // The reference: what the aws CLI sent for revision 1, with only the web image changed.
        ObjectNode expected = (ObjectNode) ecs.registerRequests().get(0).deepCopy();
        ((ObjectNode) expected.get("containerDefinitions").get(0)).put("image", pinned(secondWeb));
        assertThat(ecs.registerRequests().get(1)).isEqualTo(expected);
        assertThat(ecs.runningDigests(CLUSTER, service, "web")).hasSize(2).containsOnly(secondWeb.toString());
        assertThat(operations()).doesNotContain("DeregisterTaskDefinition");
    }

    @Test
    void ecsDeploy_fromATaskDefinitionFile_registersTheFileAsTheAwsCliWouldWithThePinnedImage() throws Exception {
        ecs.givenService(CLUSTER, service, firstRevision, 1, true, true, Map.of());
        ObjectNode file = (ObjectNode) JSON.readTree(taskDefinitionFile.toFile());
        ((ObjectNode) file.get("containerDefinitions").get(0))
                .withArray("environment")
                .addObject()
                .put("name", "FEATURE_X")
                .put("value", "on");
        Files.writeString(taskDefinitionFile, file.toString());
        ReferenceAwsCli.run(
                aws, scratch, "ecs", "register-task-definition", "--cli-input-json", "file://" + taskDefinitionFile);

        CliProcess.Run run = ecsDeploy(
                "--image", "web=" + pinned(secondWeb), "--task-definition", taskDefinitionFile.toString(), "--json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        ObjectNode expected = (ObjectNode) ecs.registerRequests().get(1).deepCopy();
        ((ObjectNode) expected.get("containerDefinitions").get(0)).put("image", pinned(secondWeb));
        assertThat(ecs.registerRequests().get(2)).isEqualTo(expected);
        assertThat(ecs.runningDigests(CLUSTER, service, "web")).containsOnly(secondWeb.toString());
    }

    @Test
    void ecsDeploy_fromSavedDescribeTaskDefinitionOutput_dropsTheReadOnlyFields() throws Exception {
        ecs.givenService(CLUSTER, service, firstRevision, 1, true, true, Map.of());
        Path described = scratch.resolve("described.json");
        Files.writeString(
                described,
                ReferenceAwsCli.run(
                        aws, scratch, "ecs", "describe-task-definition", "--task-definition", firstRevision));

        CliProcess.Run run =
                ecsDeploy("--image", "web=" + pinned(secondWeb), "--task-definition", described.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode sent = ecs.registerRequests().get(1);
        assertThat(sent.has("taskDefinitionArn")
                        || sent.has("revision")
                        || sent.has("status")
                        || sent.has("requiresAttributes")
                        || sent.has("compatibilities")
                        || sent.has("registeredAt")
                        || sent.has("registeredBy"))
                .isFalse();
        ObjectNode expected = (ObjectNode) ecs.registerRequests().get(0).deepCopy();
        expected.remove("tags"); // describe-task-definition without --include TAGS prints none
        ((ObjectNode) expected.get("containerDefinitions").get(0)).put("image", pinned(secondWeb));
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void ecsDeploy_imageMissingFromTheRegistry_circuitBreakerRollbackIsAFailureNamingCannotPullContainerError()
            throws Exception {
        ecs.givenService(CLUSTER, service, firstRevision, 2, true, true, Map.of());
        Digest absent = Digest.sha256("never pushed".getBytes(StandardCharsets.UTF_8));

        CliProcess.Run run = ecsDeploy("--image", "web=" + pinned(absent), "--json");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr())
                .contains("FAILED")
                .contains("circuit breaker")
                .contains("CannotPullContainerError")
                .contains(absent.toString());
        Map<String, Object> result = json(run);
        assertThat(result.get("rolloutState")).isEqualTo("FAILED");
        assertThat(result.get("rolledBack")).isEqualTo(false);
        assertThat(result.get("taskDefinitionArn")).isEqualTo(revisionArn(2));
        assertThat(operations()).doesNotContain("DeregisterTaskDefinition");
    }

    @Test
    void ecsDeploy_withRollbackOnFailure_waitsForTheCircuitBreakersRollbackAndReportsRolledBack() throws Exception {
        ecs.givenService(CLUSTER, service, firstRevision, 2, true, true, Map.of());
        Digest absent = Digest.sha256("never pushed either".getBytes(StandardCharsets.UTF_8));

        CliProcess.Run run = ecsDeploy("--image", "web=" + pinned(absent), "--rollback-on-failure", "--json");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("CannotPullContainerError").contains("rolled back to " + service(1));
        assertThat(json(run).get("rolledBack")).isEqualTo(true);
        assertThat(ecs.serviceTaskDefinition(CLUSTER, service)).isEqualTo(firstRevision);
        assertThat(ecs.runningDigests(CLUSTER, service, "web")).hasSize(2).containsOnly(firstWeb.toString());
    }

    @Test
    void ecsDeploy_withoutCircuitBreaker_timesOutNamingTheStoppedTasksThenRollsBackWithoutDeregistering()
            throws Exception {
        ecs.givenService(CLUSTER, service, firstRevision, 1, false, false, Map.of());
        Digest absent = Digest.sha256("not there".getBytes(StandardCharsets.UTF_8));

        CliProcess.Run run =
                ecsDeploy("--image", "web=" + pinned(absent), "--timeout", "3s", "--rollback-on-failure", "--json");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr())
                .contains("did not complete within 3 s")
                .contains("CannotPullContainerError")
                .contains("rolled back to " + service(1));
        Map<String, Object> result = json(run);
        assertThat(result.get("rolloutState")).isEqualTo("IN_PROGRESS");
        assertThat(result.get("rolledBack")).isEqualTo(true);
        assertThat(ecs.serviceTaskDefinition(CLUSTER, service)).isEqualTo(firstRevision);
        assertThat(ecs.runningDigests(CLUSTER, service, "web")).containsOnly(firstWeb.toString());
        assertThat(operations()).doesNotContain("DeregisterTaskDefinition");
        // The failed revision stays registered and usable.
        assertThat(ReferenceAwsCli.run(
                        aws, scratch, "ecs", "describe-task-definition", "--task-definition", service(2)))
                .contains("\"ACTIVE\"");
    }

    @Test
    void ecsDeploy_runningTasksReportAnotherDigestThanPinned_isAFailureNamingBoth() throws Exception {
        ecs.givenService(CLUSTER, service, firstRevision, 1, true, true, Map.of());
        ecs.resolveTagsIgnoringDigests();
        String tagAndOldDigest = registry.hostPort() + "/" + webRepository + ":2.0@" + firstWeb;

        CliProcess.Run run = ecsDeploy("--image", "web=" + tagAndOldDigest, "--json");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains(secondWeb.toString()).contains("not the pinned " + firstWeb);
        assertThat(json(run).get("rolloutState")).isEqualTo("COMPLETED");
    }

    @Test
    void ecsDeploy_tagOnlyReference_isRefusedBeforeAnyAwsCall() throws Exception {
        ecs.givenService(CLUSTER, service, firstRevision, 1, true, true, Map.of());

        CliProcess.Run run = ecsDeploy("--image", "web=" + registry.hostPort() + "/" + webRepository + ":2.0");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("--image").contains("has no digest");
        assertThat(operations()).isEmpty();
    }

    @Test
    void ecsDeploy_containerTheTaskDefinitionLacks_isRefusedBeforeAnyWriteCall() throws Exception {
        ecs.givenService(CLUSTER, service, firstRevision, 1, true, true, Map.of());

        CliProcess.Run run = ecsDeploy("--image", "api=" + pinned(secondWeb));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("\"api\"").contains("[web, log-router]");
        assertThat(operations()).doesNotContain("RegisterTaskDefinition", "UpdateService");
    }

    @Test
    void ecsDeploy_unknownService_failsNamingItWithoutWriting() throws Exception {
        CliProcess.Run run = ecsDeploy("--image", "web=" + pinned(secondWeb));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains(service).contains("MISSING");
        assertThat(operations()).containsOnly("DescribeServices");
    }

    @Test
    void ecsDeploy_taskDefinitionOwnedByAStack_warnsThatTheDeployDriftsAndPointsToCfnDeploy() throws Exception {
        ecs.tagTaskDefinition(firstRevision, "aws:cloudformation:stack-name", "shop-prod");
        ecs.givenService(CLUSTER, service, firstRevision, 1, true, true, Map.of());

        CliProcess.Run run = ecsDeploy("--image", "web=" + pinned(secondWeb));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr())
                .startsWith("warning: ")
                .contains("CloudFormation stack shop-prod")
                .contains("cfnDeploy");
        // AWS-owned tags cannot be registered; the user's own tags are kept.
        assertThat(ecs.registerRequests().get(1).get("tags"))
                .isEqualTo(ecs.registerRequests().get(0).get("tags"));
    }

    private String service(int revision) {
        return "shop-web:" + revision;
    }
}
