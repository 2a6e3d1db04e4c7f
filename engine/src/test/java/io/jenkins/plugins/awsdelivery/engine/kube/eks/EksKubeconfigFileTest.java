package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class EksKubeconfigFileTest {
    static final EksCluster CLUSTER =
            new EksCluster("shop-test", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", "Q0EtREFUQQ==");

    @TempDir
    Path parent;

    final EksTokenGeneratorTest.MutableClock clock =
            new EksTokenGeneratorTest.MutableClock(Instant.parse("2026-01-02T03:04:05Z"));

    RefreshingEksToken token() {
        EksTokenGenerator generator = new EksTokenGenerator(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "s")), Region.EU_WEST_1, clock);
        return new RefreshingEksToken(generator, CLUSTER.name(), clock);
    }

    @Test
    void open_writesAKubeconfigOnlyTheOwnerCanRead_inAPrivateDirectory() throws Exception {
        try (EksKubeconfigFile kubeconfig = EksKubeconfigFile.open(parent, CLUSTER, token(), false)) {
            Path file = kubeconfig.path();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void open_writesAKubeconfigThatAKubernetesClientReadsWithServerCaAndToken() throws Exception {
        try (EksKubeconfigFile kubeconfig = EksKubeconfigFile.open(parent, CLUSTER, token(), false)) {
            Config config = Config.fromKubeconfig(kubeconfig.path().toFile());

            assertThat(config.getMasterUrl()).startsWith(CLUSTER.endpoint());
            assertThat(config.getCaCertData()).isEqualTo("Q0EtREFUQQ==");
            assertThat(config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken())
                    .startsWith("k8s-aws-v1.");
            assertThat(config.getCurrentContext().getName()).isEqualTo("shop-test");
        }
    }

    @Test
    void refreshIfDue_rewritesTheTokenOnceFourteenMinutesPassed_keepingMode0600() throws Exception {
        try (EksKubeconfigFile kubeconfig = EksKubeconfigFile.open(parent, CLUSTER, token(), false)) {
            String first = Files.readString(kubeconfig.path());

            clock.now = clock.now.plusSeconds(10 * 60);
            boolean earlyRefresh = kubeconfig.refreshIfDue();
            clock.now = clock.now.plusSeconds(4 * 60);
            boolean dueRefresh = kubeconfig.refreshIfDue();

            assertThat(earlyRefresh).isFalse();
            assertThat(dueRefresh).isTrue();
            assertThat(Files.readString(kubeconfig.path())).isNotEqualTo(first).contains("token: k8s-aws-v1.");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig.path())))
                    .isEqualTo("rw-------");
            try (var files = Files.list(kubeconfig.path().getParent())) {
                assertThat(files).containsExactly(kubeconfig.path());
            }
        }
    }

    @Test
    void close_deletesTheFileAndItsDirectory() {
        EksKubeconfigFile kubeconfig = EksKubeconfigFile.open(parent, CLUSTER, token());
        Path file = kubeconfig.path();

        kubeconfig.close();

        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void open_forAnEksCluster_takesEndpointAndCaFromDescribeCluster() throws Exception {
        try (var aws = io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator.start()) {
            io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator.register(aws)
                    .cluster("prod", "https://PROD.yl4.eu-west-1.eks.amazonaws.com", "UFJPRC1DQQ==");

            try (EksKubeconfigFile kubeconfig = EksKubeconfigFile.open(
                    parent,
                    "prod",
                    Region.EU_WEST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "s")),
                    java.util.Optional.of(aws.endpoint()))) {
                String content = Files.readString(kubeconfig.path());

                assertThat(content)
                        .contains("server: \"https://PROD.yl4.eu-west-1.eks.amazonaws.com\"")
                        .contains("certificate-authority-data: UFJPRC1DQQ==")
                        .contains("token: k8s-aws-v1.");
            }
        }
    }
}
