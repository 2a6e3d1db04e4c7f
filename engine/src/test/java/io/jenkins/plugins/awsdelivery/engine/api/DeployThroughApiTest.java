package io.jenkins.plugins.awsdelivery.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Delivery#deploy} as the plugin calls it: the cluster from {@code KUBECONFIG} in the build's environment, paths
 * relative to the workspace, a failed rollout as a failure whose partial result says what was rolled back and survives
 * serialization, and manifest links leaving their folder refused unless allowed.
 */
class DeployThroughApiTest {
    static final String REPO = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web";
    static final String V1 = "sha256:" + "1".repeat(64);
    static final String V2 = "sha256:" + "2".repeat(64);

    @TempDir
    Path workspace;

    MockKubernetesCluster cluster;
    DeliveryContext context;

    @BeforeEach
    void start() throws Exception {
        cluster = MockKubernetesCluster.start();
        Path kubeconfig = cluster.writeKubeconfig(Files.createDirectories(workspace.resolve("kube")));
        context = DeliveryContext.builder()
                .workingDirectory(workspace)
                .environment(Map.of("KUBECONFIG", kubeconfig.toString()))
                .build();
        Files.createDirectories(workspace.resolve("k8s"));
        Files.writeString(
                workspace.resolve("k8s/web.yaml"),
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: web
                        image: %s:latest
                """
                        .formatted(REPO));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private DeployRequest.Builder request(String digest) {
        return DeployRequest.builder()
                .manifests(List.of("k8s/"))
                .namespace("shop-test")
                .images(Map.of(REPO, REPO + "@" + digest))
                .timeout("30s")
                .gracePeriod("1s");
    }

    @Test
    void deploy_thenAFailedRollout_isAFailureWhosePartialResultNamesTheRollbackAndSurvivesSerialization()
            throws Exception {
        DeployResult first = Delivery.deploy(context, request(V1).build());
        cluster.controllers().failImage(V2, "ImagePullBackOff");

        DeliveryFailedException failure = catchThrowableOfType(
                DeliveryFailedException.class,
                () -> Delivery.deploy(
                        context, request(V2).rollbackOnFailure(true).build()));
        DeliveryFailedException copy = (DeliveryFailedException) ApiSerializationTest.roundTrip(failure);

        assertThat(first.resources()).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("revision", "1"));
        assertThat(failure.getMessage()).contains("ImagePullBackOff");
        assertThat(copy.partialResult()).isEqualTo(failure.partialResult());
        assertThat(copy.partialResult().get("rolledBack").toString()).contains("name=web");
    }

    @Test
    void manifestLinkLeavingItsFolder_isRefused_unlessFollowSymlinks() throws Exception {
        Path outside = Files.writeString(
                workspace.resolve("outside.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\ndata:\n  a: b\n");
        Files.createSymbolicLink(workspace.resolve("k8s/outside.yaml"), outside);

        assertThatThrownBy(() -> Delivery.deploy(context, request(V1).build()))
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("outside.yaml");
        Delivery.deploy(context, request(V1).followSymlinks(true).build());

        assertThat(cluster.client()
                        .configMaps()
                        .inNamespace("shop-test")
                        .withName("outside")
                        .get())
                .isNotNull();
    }

    @Test
    void noClusterAndNoKubeconfigInTheEnvironment_isRefusedNamingTheParameter() {
        DeliveryContext bare =
                DeliveryContext.builder().workingDirectory(workspace).build();

        assertThatThrownBy(() -> Delivery.deploy(bare, request(V1).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("cluster: ")
                .hasMessageContaining("withKubeConfig");
    }
}
