package io.jenkins.plugins.awsdelivery.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS documents users copy, checked against the AWS SDK's own service models: the IAM policies in {@code
 * docs/iam.md} and the ECS task definition of the example application.
 */
class AwsExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Map<String, Class<?>> CLIENTS = Map.of(
            "ecr", EcrClient.class,
            "eks", EksClient.class,
            "ecs", EcsClient.class,
            "cloudformation", CloudFormationClient.class,
            "sts", StsClient.class);
    /** Actions that authorise something other than an API call of their own. */
    private static final List<String> PERMISSION_ONLY_ACTIONS = List.of("iam:PassRole");

    @Test
    void iamPolicies_areValidJsonNamingOnlyRealApiOperations() throws Exception {
        String page = Files.readString(Repository.root().resolve("docs/iam.md"), StandardCharsets.UTF_8);
        List<String> actions = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(page);
        int policies = 0;
        while (block.find()) {
            JsonNode policy = JSON.readTree(block.group(1));
            policies++;
            assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
            assertThat(policy.path("Statement").isArray()).isTrue();
            for (JsonNode statement : policy.path("Statement")) {
                assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                JsonNode action = statement.path("Action");
                if (action.isArray()) {
                    action.forEach(a -> actions.add(a.asText()));
                } else {
                    actions.add(action.asText());
                }
            }
        }

        assertThat(policies).as("policies in docs/iam.md").isGreaterThanOrEqualTo(7);
        assertThat(actions)
                .allSatisfy(action -> assertThat(isApiOperation(action) || PERMISSION_ONLY_ACTIONS.contains(action))
                        .as("%s is an operation of the AWS SDK's %s client", action, action.split(":")[0])
                        .isTrue());
    }

    @Test
    void exampleTaskDefinition_usesOnlyFieldsOfRegisterTaskDefinition() throws Exception {
        JsonNode taskDefinition = JSON.readTree(Repository.root()
                .resolve("examples/webapp/ecs/task-definition.json")
                .toFile());

        List<String> unknown = new ArrayList<>();
        unknownFields(taskDefinition, RegisterTaskDefinitionRequest.builder().build(), "", unknown);

        assertThat(unknown).isEmpty();
        assertThat(taskDefinition.path("containerDefinitions").findValuesAsText("name"))
                .as("the container that Jenkinsfile.ecs pins with images: [web: ...]")
                .contains("web");
    }

    private static boolean isApiOperation(String action) {
        String[] parts = action.split(":", 2);
        Class<?> client = CLIENTS.get(parts[0]);
        if (client == null || parts.length < 2 || parts[1].isEmpty()) {
            return false;
        }
        String method = Character.toLowerCase(parts[1].charAt(0)) + parts[1].substring(1);
        return Arrays.stream(client.getMethods()).anyMatch(m -> m.getName().equals(method));
    }

    /** Adds every key of {@code json} (recursively) that the SDK shape {@code shape} does not have. */
    private static void unknownFields(JsonNode json, SdkPojo shape, String path, List<String> unknown) {
        json.fieldNames().forEachRemaining(name -> {
            Optional<SdkField<?>> field = shape.sdkFields().stream()
                    .filter(f -> name.equals(f.locationName()))
                    .findFirst();
            if (field.isEmpty()) {
                unknown.add(path + name);
            } else {
                checkValue(json.get(name), field.get(), path + name, unknown);
            }
        });
    }

    private static void checkValue(JsonNode value, SdkField<?> field, String path, List<String> unknown) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO && value.isObject()) {
            unknownFields(value, field.constructor().get(), path + ".", unknown);
        } else if (type == MarshallingType.LIST && value.isArray()) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            for (int i = 0; i < value.size(); i++) {
                checkValue(value.get(i), member, path + "[" + i + "]", unknown);
            }
        } else if (type == MarshallingType.MAP && value.isObject()) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            value.fields().forEachRemaining(e -> checkValue(e.getValue(), member, path + "." + e.getKey(), unknown));
        } else if ((type == MarshallingType.SDK_POJO || type == MarshallingType.LIST || type == MarshallingType.MAP)) {
            unknown.add(path + " (expected " + type + ")");
        }
    }
}
