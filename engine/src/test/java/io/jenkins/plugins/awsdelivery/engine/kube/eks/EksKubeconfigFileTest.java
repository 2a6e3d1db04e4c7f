package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
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

    EksToken token() {
        return new EksTokenGenerator(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "s")),
                        Region.EU_WEST_1,
                        clock)
                .token(CLUSTER.name());
    }

    @Test
    void write_putsKubeconfigAndTokenFileOnlyTheOwnerCanRead_inAPrivateDirectory() throws Exception {
        EksKubeconfigFile kubeconfig = EksKubeconfigFile.write(parent, CLUSTER, token());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig.path())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig.tokenFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig.directory())))
                .isEqualTo("rwx------");
        try (var files = Files.list(kubeconfig.directory())) {
            assertThat(files).containsExactlyInAnyOrder(kubeconfig.path(), kubeconfig.tokenFile());
        }
    }

    @Test
    void write_givesAKubeconfigThatAKubernetesClientReadsWithServerCaAndTokenFile() throws Exception {
        EksKubeconfigFile kubeconfig = EksKubeconfigFile.write(parent, CLUSTER, token());

        Config config = Config.fromKubeconfig(kubeconfig.path().toFile());

        assertThat(config.getMasterUrl()).startsWith(CLUSTER.endpoint());
        assertThat(config.getCaCertData()).isEqualTo("Q0EtREFUQQ==");
        assertThat(config.getCurrentContext().getName()).isEqualTo("shop-test");
        assertThat(Files.readString(kubeconfig.path()))
                .contains("tokenFile: \"" + kubeconfig.tokenFile() + "\"")
                .doesNotContain("k8s-aws-v1.");
        assertThat(Files.readString(kubeconfig.tokenFile())).startsWith("k8s-aws-v1.");
    }

    @Test
    void renewToken_replacesTheTokenFile_keepingMode0600AndNoStrayFiles() throws Exception {
        EksKubeconfigFile kubeconfig = EksKubeconfigFile.write(parent, CLUSTER, token());
        String first = Files.readString(kubeconfig.tokenFile());

        clock.now = clock.now.plusSeconds(14 * 60);
        EksKubeconfigFile.in(kubeconfig.directory()).renewToken(token());

        assertThat(Files.readString(kubeconfig.tokenFile())).isNotEqualTo(first).startsWith("k8s-aws-v1.");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig.tokenFile())))
                .isEqualTo("rw-------");
        try (var files = Files.list(kubeconfig.directory())) {
            assertThat(files).containsExactlyInAnyOrder(kubeconfig.path(), kubeconfig.tokenFile());
        }
    }

    @Test
    void delete_removesTheFilesAndTheirDirectory_andRenewingAfterwardsSaysTheFolderIsGone() {
        EksKubeconfigFile kubeconfig = EksKubeconfigFile.write(parent, CLUSTER, token());

        kubeconfig.delete();

        assertThat(parent).isEmptyDirectory();
        assertThatThrownBy(() -> kubeconfig.renewToken(token()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("is gone");
    }
}
