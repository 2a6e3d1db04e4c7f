package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.RecordingEventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.StsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.util.Map;

/**
 * One emulated AWS account for a test: a real local registry behind the ECR emulator's auth gate, STS, and a
 * connection with static test keys.
 */
final class EcrTestEnvironment implements AutoCloseable {
    static final String ACCESS_KEY = "AKIAEMULATORTESTKEY";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";

    final LocalRegistry registry;
    final AwsEmulator aws;
    final StsEmulator sts;
    final EcrEmulator ecr;
    final RecordingEventSink events = new RecordingEventSink();

    EcrTestEnvironment() throws Exception {
        registry = new LocalRegistry().start();
        aws = AwsEmulator.start();
        sts = StsEmulator.on(aws);
        ecr = EcrEmulator.on(aws, registry.url(), sts);
    }

    AwsConnection.Builder connection() {
        return AwsConnection.builder()
                .environment(Map.of())
                .region("eu-west-1")
                .staticCredentials(ACCESS_KEY, SECRET_KEY)
                .endpointOverride(aws.endpoint());
    }

    @Override
    public void close() {
        ecr.close();
        aws.close();
        registry.close();
    }
}
