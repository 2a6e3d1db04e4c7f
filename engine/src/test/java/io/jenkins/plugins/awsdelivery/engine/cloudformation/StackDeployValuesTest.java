package io.jenkins.plugins.awsdelivery.engine.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.testing.aws.RemotingCopy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request, result and failure of a stack deploy as the plugin moves them between controller and agent (Java
 * serialization) and returns them to a Pipeline (plain maps, keys as ARCHITECTURE.md's CLI contract).
 */
class StackDeployValuesTest {
    @Test
    void request_survivesSerializationWithEveryParameter() throws Exception {
        StackDeployRequest request = StackDeployRequest.builder()
                .stack("shop-web")
                .template("{\"Resources\":{}}")
                .parameters(Map.of("ImageUri", "repo@sha256:" + "a".repeat(64)))
                .capabilities(List.of("CAPABILITY_IAM"))
                .tags(Map.of("team", "shop"))
                .roleArn("arn:aws:iam::123456789012:role/cfn")
                .timeout(Duration.ofMinutes(45))
                .execute(false)
                .build();

        StackDeployRequest copy = RemotingCopy.of(request);

        assertThat(copy.stack()).isEqualTo("shop-web");
        assertThat(copy.template()).isEqualTo("{\"Resources\":{}}");
        assertThat(copy.parameters()).containsEntry("ImageUri", "repo@sha256:" + "a".repeat(64));
        assertThat(copy.capabilities()).containsExactly("CAPABILITY_IAM");
        assertThat(copy.tags()).containsEntry("team", "shop");
        assertThat(copy.roleArn()).contains("arn:aws:iam::123456789012:role/cfn");
        assertThat(copy.timeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(copy.execute()).isFalse();
    }

    @Test
    void build_invalidParameters_areRefusedNamingThem() {
        assertThatThrownBy(() -> StackDeployRequest.builder()
                        .stack("1bad")
                        .template("{}")
                        .build())
                .hasMessageStartingWith("stack: ");
        assertThatThrownBy(() -> StackDeployRequest.builder().stack("ok").build())
                .hasMessageStartingWith("template: ");
        assertThatThrownBy(() -> StackDeployRequest.builder()
                        .stack("ok")
                        .template("{}")
                        .capabilities(List.of("CAPABILITY_EVERYTHING"))
                        .build())
                .hasMessageStartingWith("capabilities: ");
        assertThatThrownBy(() -> StackDeployRequest.builder()
                        .stack("ok")
                        .template("{}")
                        .roleArn("deployer")
                        .build())
                .hasMessageStartingWith("cfnRoleArn: ");
        assertThatThrownBy(() -> StackDeployRequest.builder()
                        .stack("ok")
                        .template("x".repeat(51_201))
                        .build())
                .hasMessageStartingWith("template: ")
                .hasMessageContaining("51200");
    }

    @Test
    void failure_carriesItsResultThroughSerialization_andTheMapHoldsOnlyPlainValues() throws Exception {
        StackDeployResult result = new StackDeployResult(
                "shop-web",
                "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-web/1",
                "UPDATE_ROLLBACK_COMPLETE",
                "arn:aws:cloudformation:eu-west-1:123456789012:changeSet/delivery-1/2",
                List.of(new StackChange("Modify", "TaskDefinition", "AWS::ECS::TaskDefinition", "True")),
                Map.of("ServiceUrl", "https://shop.example.com"));

        StackDeployFailedException copy = RemotingCopy.of(new StackDeployFailedException("rolled back", result));

        Map<String, Object> map = copy.result().toMap();
        assertThat(map.keySet()).containsExactly("stack", "stackId", "status", "changeSetId", "changes", "outputs");
        assertThat(map.get("changes"))
                .isEqualTo(List.of(Map.of(
                        "action", "Modify",
                        "logicalId", "TaskDefinition",
                        "type", "AWS::ECS::TaskDefinition",
                        "replacement", "True")));
        assertThat(map.get("outputs")).isEqualTo(Map.of("ServiceUrl", "https://shop.example.com"));
        assertThat(map.get("outputs").getClass().getName()).startsWith("java.util.");
    }
}
