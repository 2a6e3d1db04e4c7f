package io.jenkins.plugins.awsdelivery.engine.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.RemotingCopy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request, result and failure of an ECS deploy as the plugin moves them between controller and agent (Java
 * serialization over remoting) and returns them to a Pipeline (plain maps); keys as ARCHITECTURE.md's CLI contract.
 */
class EcsDeployValuesTest {
    private static final String WEB = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:" + "a".repeat(64);

    @Test
    void request_survivesSerializationWithEveryParameter() throws Exception {
        EcsDeployRequest request = EcsDeployRequest.builder()
                .cluster("shop")
                .service("web")
                .images(Map.of("web", WEB))
                .taskDefinitionJson("{\"family\":\"web\"}")
                .timeout(Duration.ofMinutes(20))
                .rollbackOnFailure(true)
                .build();

        EcsDeployRequest copy = RemotingCopy.of(request);

        assertThat(copy.cluster()).isEqualTo("shop");
        assertThat(copy.service()).isEqualTo("web");
        assertThat(copy.images()).isEqualTo(Map.of("web", WEB));
        assertThat(copy.taskDefinitionJson()).contains("{\"family\":\"web\"}");
        assertThat(copy.timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(copy.rollbackOnFailure()).isTrue();
    }

    @Test
    void request_byDefault_waitsFifteenMinutesAndDoesNotRollBack() {
        EcsDeployRequest request = EcsDeployRequest.builder()
                .cluster("shop")
                .service("web")
                .images(Map.of("web", WEB))
                .build();

        assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(request.rollbackOnFailure()).isFalse();
        assertThat(request.taskDefinitionJson()).isEmpty();
    }

    @Test
    void build_tagOnlyReference_isRefusedNamingImages() {
        assertThatThrownBy(() -> EcsDeployRequest.builder()
                        .cluster("shop")
                        .service("web")
                        .images(List.of("web=123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.0"))
                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("images: web=")
                .hasMessageContaining("has no digest");
    }

    @Test
    void build_withoutImagesOrService_isRefusedNamingTheParameter() {
        assertThatThrownBy(() -> EcsDeployRequest.builder()
                        .cluster("shop")
                        .service("web")
                        .build())
                .hasMessageStartingWith("images: ");
        assertThatThrownBy(() -> EcsDeployRequest.builder()
                        .cluster("shop")
                        .images(Map.of("web", WEB))
                        .build())
                .hasMessageStartingWith("service: ");
        assertThatThrownBy(() -> EcsDeployRequest.builder()
                        .cluster("shop")
                        .service("web")
                        .images(Map.of("web", WEB))
                        .timeout(Duration.ZERO)
                        .build())
                .hasMessageStartingWith("timeout: ");
    }

    @Test
    void failure_carriesItsResultThroughSerialization_andTheMapHoldsOnlyPlainValues() throws Exception {
        EcsDeployResult result = new EcsDeployResult(
                "shop",
                "web",
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:8",
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7",
                "ecs-svc/123",
                "FAILED",
                Map.of("web", WEB),
                true);

        EcsDeployFailedException copy = RemotingCopy.of(new EcsDeployFailedException("rollout FAILED", result));

        Map<String, Object> map = copy.result().toMap();
        assertThat(map)
                .containsEntry("rolloutState", "FAILED")
                .containsEntry("rolledBack", true)
                .containsEntry("images", Map.of("web", WEB));
        assertThat(map.get("images").getClass().getName()).startsWith("java.util.");
    }
}
