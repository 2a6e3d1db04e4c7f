package io.jenkins.plugins.awsdelivery.engine.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.CloudFormationEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.InterruptedRun;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An aborted build interrupts the thread that waits for a change set: it stops, deletes the change set, says so. */
class StackDeployerAbortTest {
    private static final String TEMPLATE =
            "{\"Resources\":{\"Queue\":{\"Type\":\"AWS::SQS::Queue\",\"Properties\":{\"DelaySeconds\":5}}}}";

    @Test
    void deploy_interruptedWhileWaitingForTheChangeSet_deletesItAndThrowsOperationAborted() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            CloudFormationEmulator cfn = CloudFormationEmulator.on(aws).hold(true);
            StackDeployRequest request = StackDeployRequest.builder()
                    .stack("queues")
                    .template(TEMPLATE)
                    .pollInterval(Duration.ofMillis(200))
                    .build();

            InterruptedRun.Outcome outcome = InterruptedRun.interruptWhen(
                    () -> aws.calls().stream().anyMatch(call -> call.operation().equals("DescribeChangeSet")), () -> {
                        try (AwsConnection connection = AwsConnection.builder()
                                        .region("eu-west-1")
                                        .staticCredentials("AKIAABORTTEST", "abort-secret")
                                        .endpointOverride(aws.endpoint())
                                        .environment(Map.of())
                                        .build();
                                StackDeployer deployer = new StackDeployer(connection, EventSink.discard())) {
                            deployer.deploy(request);
                        }
                    });

            assertThat(outcome.thrown()).isInstanceOf(OperationAbortedException.class);
            assertThat(outcome.interruptFlagKept()).isTrue();
            assertThat(cfn.deletedChangeSets()).hasSize(1);
            assertThat(cfn.changeSetIds()).isEmpty();
        }
    }
}
