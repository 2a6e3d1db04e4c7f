package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.api.Durations;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandTest {
    static final String REPO = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web";
    static final String V1 = REPO + "@sha256:" + "1".repeat(64);
    static final String V2 = REPO + "@sha256:" + "2".repeat(64);
    static final String MANIFEST =
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: %s:latest
            """
                    .formatted(REPO);

    @TempDir
    Path dir;

    MockKubernetesCluster cluster;
    Path manifest;
    Path kubeconfig;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void start() throws Exception {
        cluster = MockKubernetesCluster.start();
        manifest = Files.writeString(dir.resolve("app.yaml"), MANIFEST);
        kubeconfig = cluster.writeKubeconfig(dir);
        reset();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void reset() {
        out = new StringWriter();
        err = new StringWriter();
    }

    private int run(String... args) {
        return DeliveryCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void deploy_json_printsTheContractFields() throws Exception {
        int exit = run(
                "deploy",
                manifest.toString(),
                "--namespace",
                "shop-test",
                "--kubeconfig",
                kubeconfig.toString(),
                "--image",
                REPO + "=" + V1,
                "--timeout",
                "30s",
                "--json");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().strip())
                .isEqualTo("{\"cluster\":\"mock\",\"namespace\":\"shop-test\",\"resources\":[{\"kind\":\"Deployment\","
                        + "\"name\":\"web\",\"revision\":\"1\"}],\"images\":{\"" + REPO + "\":\"" + V1 + "\"},"
                        + "\"rolledBack\":[]}");
    }

    @Test
    void deploy_toEksCluster_describesItAndAuthenticatesWithoutTheAwsCli() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIADEPLOY");
        System.setProperty("aws.secretAccessKey", "secret");
        try (AwsEmulator aws = AwsEmulator.start()) {
            EksEmulator.register(aws).cluster("shop-test", cluster.url(), null);

            int exit = run(
                    "deploy",
                    manifest.toString(),
                    "--namespace",
                    "shop-test",
                    "--eks-cluster",
                    "shop-test",
                    "--region",
                    "eu-west-1",
                    "--endpoint-url",
                    aws.endpoint().toString(),
                    "--image",
                    REPO + "=" + V1,
                    "--json");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(new ObjectMapper()
                            .readTree(out.toString())
                            .get("cluster")
                            .asText())
                    .isEqualTo("shop-test");
            assertThat(cluster.dispatcher().requests())
                    .filteredOn(r -> r.path().startsWith("/apis/apps/v1/namespaces/shop-test/deployments/web"))
                    .filteredOn(r -> !"Bearer secret".equals(r.authorization())) // the fake controllers
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.authorization()).startsWith("Bearer k8s-aws-v1."));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void deploy_whenRolloutFailsWithRollback_exitsNonZeroWithOneLineAndReportsTheRollback() throws Exception {
        run(
                "deploy",
                manifest.toString(),
                "--namespace",
                "shop-test",
                "--kubeconfig",
                kubeconfig.toString(),
                "--image",
                REPO + "=" + V1);
        cluster.controllers().failImage(V2, "ImagePullBackOff");
        reset();

        int exit = run(
                "deploy",
                manifest.toString(),
                "--namespace",
                "shop-test",
                "--kubeconfig",
                kubeconfig.toString(),
                "--image",
                REPO + "=" + V2,
                "--rollback-on-failure",
                "--grace-period",
                "1s",
                "--json");

        assertThat(exit).isNotZero();
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("ImagePullBackOff").contains("rolled back Deployment/web to revision 1");
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("rolledBack").toString())
                .isEqualTo("[{\"kind\":\"Deployment\",\"name\":\"web\",\"revision\":\"1\"}]");
    }

    @Test
    void deploy_withBothKubeconfigAndEksCluster_isAUsageError() {
        int exit = run(
                "deploy",
                manifest.toString(),
                "--namespace",
                "shop-test",
                "--kubeconfig",
                kubeconfig.toString(),
                "--eks-cluster",
                "shop-test");

        assertThat(exit).isEqualTo(64);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(List.of(err.toString())).allSatisfy(line -> assertThat(line).contains("mutually exclusive"));
    }

    @Test
    void deploy_dryRun_printsWhatItWouldDoAndChangesNothing() {
        int exit = run(
                "deploy",
                manifest.toString(),
                "--namespace",
                "shop-test",
                "--kubeconfig",
                kubeconfig.toString(),
                "--image",
                REPO + "=" + V1,
                "--dry-run");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("dry run: would deploy to mock, namespace shop-test");
        assertThat(cluster.client().apps().deployments().inAnyNamespace().list().getItems())
                .isEmpty();
    }

    @Test
    void duration_acceptsSecondsMinutesHoursCombinedAndIso() {
        assertThat(Durations.parse("timeout", "90s")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(Durations.parse("timeout", "5m")).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(Durations.parse("timeout", "1h30m")).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(Durations.parse("timeout", "120")).isEqualTo(java.time.Duration.ofSeconds(120));
        assertThat(Durations.parse("timeout", "PT2M")).isEqualTo(java.time.Duration.ofMinutes(2));
    }

    @Test
    void deploy_withAnUnreadableTimeout_isRefusedNamingIt() {
        int exit = run(
                "deploy",
                manifest.toString(),
                "--namespace",
                "shop-test",
                "--kubeconfig",
                kubeconfig.toString(),
                "--timeout",
                "soon");

        assertThat(exit).isNotZero();
        assertThat(err.toString().strip())
                .isEqualTo("delivery deploy: --timeout: \"soon\" is not a duration such as 90s, 5m or 1h");
    }
}
