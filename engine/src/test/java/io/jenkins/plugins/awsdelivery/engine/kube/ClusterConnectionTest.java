package io.jenkins.plugins.awsdelivery.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.TestConnections;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class ClusterConnectionTest {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEKS", "secret"));

    @Test
    void eks_describesTheClusterAndSendsAPresignedStsBearerToken() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start();
                MockKubernetesCluster cluster = MockKubernetesCluster.start()) {
            EksEmulator.register(aws).cluster("shop-test", cluster.url(), null);
            ClusterConnection connection =
                    ClusterConnection.eks("shop-test", TestConnections.euWest1(CREDENTIALS, aws.endpoint()));
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
                    ClusterConnection.eks("nope", TestConnections.euWest1(CREDENTIALS, aws.endpoint()));

            assertThatThrownBy(connection::connect)
                    .isInstanceOf(DeliveryException.class)
                    .hasMessage("EKS cluster nope does not exist in eu-west-1; check the cluster name and region");
        }
    }

    @Test
    void eks_whenIamRefusesDescribeCluster_namesThePermission() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            aws.restOperation("GET", "/clusters/([^/]+)", request -> {
                throw new AwsEmulator.AwsError(
                        403,
                        "AccessDeniedException",
                        "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: eks:DescribeCluster");
            });
            ClusterConnection connection =
                    ClusterConnection.eks("shop", TestConnections.euWest1(CREDENTIALS, aws.endpoint()));

            assertThatThrownBy(connection::connect)
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("not authorized to perform: eks:DescribeCluster")
                    .hasMessageEndingWith("; the credentials need eks:DescribeCluster");
        }
    }

    @Test
    void eks_whenTheBuildHasNoCredentials_saysSoInsteadOfBlamingAPermission() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            EksEmulator.register(aws).cluster("shop", "https://127.0.0.1:1", null);
            // An empty build environment: the default chain finds nothing (and no instance role on this machine).
            AwsConnection nothing = AwsConnection.builder()
                    .region("eu-west-1")
                    .environment(Map.of())
                    .endpointOverride(aws.endpoint())
                    .build();
            ClusterConnection connection = ClusterConnection.eks("shop", nothing);

            assertThatThrownBy(connection::connect)
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("Unable to load credentials")
                    .hasMessageContaining("no AWS credentials were found")
                    .hasMessageNotContaining("eks:DescribeCluster");
            assertThat(aws.calls()).isEmpty();
        }
    }

    /**
     * Loads the client's classes before a test measures time: the first client of a JVM takes seconds to build on a
     * busy machine, which is not what the connect timeout bounds.
     */
    @BeforeAll
    static void loadTheClient() {
        new io.fabric8.kubernetes.client.KubernetesClientBuilder().build().close();
    }

    @Test
    void connect_whenNothingListensOnTheServerPort_failsWithinTheConnectTimeoutNamingTheServer(@TempDir Path dir)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ClusterConnection connection = ClusterConnection.kubeconfig(kubeconfig(dir, "http://127.0.0.1:" + port));

        long start = System.nanoTime();
        assertThatThrownBy(() -> connection.connect(Duration.ofSeconds(15)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("cannot reach the API server http://127.0.0.1:" + port
                        + "/ of cluster unreachable within 15s (connection refused)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void connect_whenTheServerNeverAnswers_failsAfterTheConfiguredConnectTimeoutNamingTheServer(@TempDir Path dir)
            throws Exception {
        // Accepts TCP connections (the kernel completes the handshake) but never sends a byte.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String server = "http://127.0.0.1:" + silent.getLocalPort();
            ClusterConnection connection = ClusterConnection.kubeconfig(kubeconfig(dir, server));

            long start = System.nanoTime();
            assertThatThrownBy(() -> connection.connect(Duration.ofSeconds(3)))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageStartingWith(
                            "cannot reach the API server " + server + "/ of cluster unreachable within 3s (timed out)");
            // The client's own default would take 30 s and more (10 s per request, retried); 5 s of margin cover
            // building the client on a busy machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3 + 5));
        }
    }

    /** A kubeconfig whose current context {@code unreachable} points at {@code server}. */
    static Path kubeconfig(Path dir, String server) throws Exception {
        return Files.writeString(
                dir.resolve("kubeconfig"),
                """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "%s"}
                users:
                - name: u
                  user: {token: t}
                contexts:
                - name: unreachable
                  context: {cluster: c, user: u}
                current-context: unreachable
                """
                        .formatted(server));
    }
}
