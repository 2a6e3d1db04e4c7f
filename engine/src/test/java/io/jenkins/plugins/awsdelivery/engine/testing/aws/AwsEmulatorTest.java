package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

class AwsEmulatorTest {

    @Test
    void unsignedRequest_isRefusedWith403() throws Exception {
        try (AwsEmulator emulator = AwsEmulator.start()) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(emulator.endpoint())
                                    .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories")
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(emulator.calls()).isEmpty();
        }
    }

    @Test
    void signedSdkCall_reachesTheOperationAndIsRecorded() throws Exception {
        try (AwsEmulator emulator = AwsEmulator.start()) {
            emulator.jsonOperation(
                    "AmazonEC2ContainerRegistry_V20150921",
                    "DescribeRepositories",
                    request -> AwsEmulator.Response.json(Map.of("repositories", java.util.List.of())));
            try (EcrClient ecr = EcrClient.builder()
                    .endpointOverride(emulator.endpoint())
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                    .build()) {
                assertThat(ecr.describeRepositories().repositories()).isEmpty();
            }

            assertThat(emulator.calls())
                    .containsExactly(
                            new AwsEmulator.RecordedCall("ecr", "DescribeRepositories", "AKIDTEST", "eu-west-1"));
        }
    }
}
