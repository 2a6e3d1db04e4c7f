package io.jenkins.plugins.awsdelivery.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class ClusterConnectionTest {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEKS", "secret"));

    @Test
    void eks_describesTheClusterAndSendsAPresignedStsBearerToken() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start();
                MockKubernetesCluster cluster = MockKubernetesCluster.start()) {
            EksEmulator.register(aws).cluster("shop-test", cluster.url(), null);
            ClusterConnection connection =
                    ClusterConnection.eks("shop-test", Region.EU_WEST_1, CREDENTIALS, Optional.of(aws.endpoint()));
            cluster.dispatcher().clearRecorded();

            try (KubernetesClient client = connection.connect()) {
                client.namespaces().withName("default").get();
            }

            assertThat(aws.calls())
                    .containsExactly(
                            new AwsEmulator.RecordedCall("eks", "GET /clusters/shop-test", "AKIAEKS", "eu-west-1"));
            assertThat(cluster.dispatcher().requests())
                    .isNotEmpty()
                    .allSatisfy(request -> assertThat(request.authorization()).startsWith("Bearer k8s-aws-v1."));
        }
    }

    @Test
    void eks_whenClusterDoesNotExist_saysSoNamingClusterAndRegion() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            EksEmulator.register(aws);
            ClusterConnection connection =
                    ClusterConnection.eks("nope", Region.EU_WEST_1, CREDENTIALS, Optional.of(aws.endpoint()));

            assertThatThrownBy(connection::connect)
                    .isInstanceOf(DeliveryException.class)
                    .hasMessage("EKS cluster nope does not exist in eu-west-1; check the cluster name and region");
        }
    }
}
