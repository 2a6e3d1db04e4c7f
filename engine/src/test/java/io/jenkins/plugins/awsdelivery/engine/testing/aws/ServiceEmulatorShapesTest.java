package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ECS and CloudFormation stand-ins answer in the shapes AWS uses: Debian's aws CLI (botocore, with its own copy of
 * the service models) parses their answers, and the fields a deploy relies on arrive under the names and types the
 * model gives them. The engine's tests parse the same answers with the AWS SDK for Java.
 */
class ServiceEmulatorShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    @TempDir
    Path scratch;

    @Test
    void ecsAnswers_parseWithTheAwsCli_withDeploymentsTasksAndDigests() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            EcsEmulator ecs = EcsEmulator.on(aws);
            var digest = TestImages.push(registry.url(), "shop/web", "1.0", "shapes");
            String arn = ecs.registerForTest("{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"web\","
                    + "\"image\":\"" + registry.hostPort() + "/shop/web:1.0\",\"memory\":128}]}");
            ecs.givenService("shop", "web", arn, 1, true, true, Map.of("team", "shop"));

            JsonNode services = JSON.readTree(ReferenceAwsCli.run(
                    aws,
                    scratch,
                    "ecs",
                    "describe-services",
                    "--cluster",
                    "shop",
                    "--services",
                    "web",
                    "--include",
                    "TAGS"));
            JsonNode tasks = JSON.readTree(ReferenceAwsCli.run(
                    aws, scratch, "ecs", "list-tasks", "--cluster", "shop", "--service-name", "web"));
            JsonNode described = JSON.readTree(ReferenceAwsCli.run(
                    aws,
                    scratch,
                    "ecs",
                    "describe-tasks",
                    "--cluster",
                    "shop",
                    "--tasks",
                    tasks.path("taskArns").get(0).asText()));

            JsonNode service = services.path("services").get(0);
            assertThat(service.path("deployments").get(0).path("rolloutState").asText())
                    .isEqualTo("COMPLETED");
            assertThat(service.path("deployments").get(0).path("status").asText())
                    .isEqualTo("PRIMARY");
            assertThat(service.path("deploymentConfiguration")
                            .path("deploymentCircuitBreaker")
                            .path("rollback")
                            .asBoolean())
                    .isTrue();
            assertThat(service.path("tags").get(0).path("key").asText()).isEqualTo("team");
            JsonNode container =
                    described.path("tasks").get(0).path("containers").get(0);
            assertThat(container.path("imageDigest").asText()).isEqualTo(digest.toString());
            assertThat(described.path("tasks").get(0).path("lastStatus").asText())
                    .isEqualTo("RUNNING");
        }
    }

    @Test
    void cloudFormationAnswers_parseWithTheAwsCli_withChangesStatusesEventsAndOutputs() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            CloudFormationEmulator.on(aws);
            Path template = scratch.resolve("template.json");
            Files.writeString(
                    template,
                    "{\"Parameters\":{\"Image\":{\"Type\":\"String\"}},\"Resources\":{\"Task\":{\"Type\":"
                            + "\"AWS::ECS::TaskDefinition\",\"Properties\":{\"Image\":{\"Ref\":\"Image\"}}}},"
                            + "\"Outputs\":{\"Image\":{\"Value\":{\"Ref\":\"Image\"}}}}");
            ReferenceAwsCli.run(
                    aws,
                    scratch,
                    "cloudformation",
                    "create-change-set",
                    "--stack-name",
                    "shapes",
                    "--change-set-name",
                    "first",
                    "--change-set-type",
                    "CREATE",
                    "--template-body",
                    "file://" + template,
                    "--parameters",
                    "ParameterKey=Image,ParameterValue=repo@sha256:abc");
            ReferenceAwsCli.run(
                    aws,
                    scratch,
                    "cloudformation",
                    "describe-change-set",
                    "--stack-name",
                    "shapes",
                    "--change-set-name",
                    "first");
            JsonNode changeSet = JSON.readTree(ReferenceAwsCli.run(
                    aws,
                    scratch,
                    "cloudformation",
                    "describe-change-set",
                    "--stack-name",
                    "shapes",
                    "--change-set-name",
                    "first"));
            ReferenceAwsCli.run(
                    aws,
                    scratch,
                    "cloudformation",
                    "execute-change-set",
                    "--stack-name",
                    "shapes",
                    "--change-set-name",
                    "first");
            for (int i = 0; i < 3; i++) {
                ReferenceAwsCli.run(aws, scratch, "cloudformation", "describe-stacks", "--stack-name", "shapes");
            }
            JsonNode stacks = JSON.readTree(
                    ReferenceAwsCli.run(aws, scratch, "cloudformation", "describe-stacks", "--stack-name", "shapes"));
            JsonNode events = JSON.readTree(ReferenceAwsCli.run(
                    aws, scratch, "cloudformation", "describe-stack-events", "--stack-name", "shapes"));

            assertThat(changeSet.path("Status").asText()).isEqualTo("CREATE_COMPLETE");
            JsonNode change = changeSet.path("Changes").get(0).path("ResourceChange");
            assertThat(change.path("Action").asText()).isEqualTo("Add");
            assertThat(change.path("LogicalResourceId").asText()).isEqualTo("Task");
            assertThat(change.path("ResourceType").asText()).isEqualTo("AWS::ECS::TaskDefinition");
            JsonNode stack = stacks.path("Stacks").get(0);
            assertThat(stack.path("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");
            assertThat(stack.path("Outputs").get(0).path("OutputValue").asText())
                    .isEqualTo("repo@sha256:abc");
            assertThat(events.path("StackEvents").get(0).path("ResourceStatus").asText())
                    .isEqualTo("CREATE_COMPLETE");
            assertThat(events.path("StackEvents").get(0).path("Timestamp").asText())
                    .isNotEmpty();
        }
    }
}
