package io.jenkins.plugins.awsdelivery.engine.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.InterruptedRun;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.TestImages;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An aborted build interrupts the thread that waits for an ECS rollout: the wait stops and says "aborted". */
class EcsDeployerAbortTest {
    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    @Test
    void deploy_interruptedWhileWaiting_throwsOperationAbortedAndKeepsTheInterruptFlag() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            EcsEmulator ecs = EcsEmulator.on(aws);
            TestImages.push(registry.url(), "shop/web", "1.0", "abort test");
            String image = registry.hostPort() + "/shop/web:1.0";
            String first = ecs.registerForTest(
                    "{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"" + image + "\"}]}");
            ecs.givenService("shop", "web", first, 1, false, false, Map.of());
            Digest absent = Digest.sha256("absent".getBytes(StandardCharsets.UTF_8));
            EcsDeployRequest request = EcsDeployRequest.builder()
                    .cluster("shop")
                    .service("web")
                    .images(Map.of("web", registry.hostPort() + "/shop/web@" + absent))
                    .pollInterval(Duration.ofMillis(200))
                    .build();

            InterruptedRun.Outcome outcome = InterruptedRun.interruptWhen(
                    () -> aws.calls().stream()
                                    .filter(call -> call.operation().equals("DescribeServices"))
                                    .count()
                            > 2,
                    () -> {
                        try (AwsConnection connection = AwsConnection.builder()
                                        .region("eu-west-1")
                                        .staticCredentials("AKIAABORTTEST", "abort-secret")
                                        .endpointOverride(aws.endpoint())
                                        .environment(Map.of())
                                        .build();
                                EcsDeployer deployer = new EcsDeployer(connection, EventSink.discard())) {
                            deployer.deploy(request);
                        }
                    });

            assertThat(outcome.thrown())
                    .isInstanceOf(OperationAbortedException.class)
                    .hasMessageContaining("aborted");
            assertThat(outcome.interruptFlagKept()).isTrue();
        }
    }
}
