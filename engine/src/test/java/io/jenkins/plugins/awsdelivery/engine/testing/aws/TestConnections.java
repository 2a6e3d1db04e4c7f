package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** An {@link AwsConnection} in eu-west-1 to an emulator, with the keys a test's credentials provider holds. */
public final class TestConnections {
    private TestConnections() {}

    public static AwsConnection euWest1(AwsCredentialsProvider credentials, URI emulator) {
        AwsCredentials keys = credentials.resolveCredentials();
        return AwsConnection.builder()
                .region("eu-west-1")
                .staticCredentials(
                        keys.accessKeyId(),
                        keys.secretAccessKey(),
                        keys instanceof AwsSessionCredentials session ? session.sessionToken() : null)
                .endpointOverride(emulator)
                .build();
    }
}
