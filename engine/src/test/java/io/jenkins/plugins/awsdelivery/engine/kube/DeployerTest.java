package io.jenkins.plugins.awsdelivery.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ImagePins;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployerTest {
    static final String V1 = "sha256:" + "1".repeat(64);
    static final String V2 = "sha256:" + "2".repeat(64);
    static final String REPO = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web";

    @TempDir
    Path dir;

    MockKubernetesCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = MockKubernetesCluster.start();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    static String manifest(String image) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                  - port: 80
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
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
                        image: %s
                """
                .formatted(image);
    }

    DeployRequest.Builder request(String digest) throws Exception {
        Files.writeString(dir.resolve("app.yaml"), manifest(REPO + ":1.0"));
        return DeployRequest.builder()
                .connection(ClusterConnection.kubeconfig(cluster.writeKubeconfig(dir)))
                .namespace("shop-test")
                .manifests(List.of("app.yaml"))
                .baseDirectory(dir)
                .images(ImagePins.of(Map.of(REPO, REPO + "@" + digest)))
                .timeout(Duration.ofSeconds(20))
                .gracePeriod(Duration.ofSeconds(1));
    }

    @Test
    void deploy_intoNewNamespace_completesTheRolloutAndReportsTheRevision() throws Exception {
        DeployResult result =
                new Deployer(EventSink.discard()).deploy(request(V1).build());

        assertThat(result.resources())
                .containsExactly(
                        new AppliedResource("Service", "web", null), new AppliedResource("Deployment", "web", "1"));
        assertThat(result.namespace()).isEqualTo("shop-test");
        assertThat(result.rolledBack()).isEmpty();
        assertThat(cluster.client().namespaces().withName("shop-test").get()).isNotNull();
        Deployment deployment = cluster.client()
                .apps()
                .deployments()
                .inNamespace("shop-test")
                .withName("web")
                .get();
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo(REPO + "@" + V1);
        assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void deploy_whenPodsHitImagePullBackOff_failsWithinTheGracePeriodNamingPodContainerAndReason() throws Exception {
        new Deployer(EventSink.discard()).deploy(request(V1).build());
        cluster.controllers().failImage(V2, "ImagePullBackOff");

        long start = System.nanoTime();
        assertThatThrownBy(() -> new Deployer(EventSink.discard())
                        .deploy(request(V2).timeout(Duration.ofSeconds(60)).build()))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("Deployment/web")
                .hasMessageMatching("(?s).*pod web-[0-9a-f]+-0 container web: ImagePullBackOff.*")
                .hasMessageContaining("not rolled back");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(1 + 2));
        assertThat(image()).isEqualTo(REPO + "@" + V2);
    }

    @Test
    void deploy_withRollbackOnFailure_runsThePreviousImageAgainAndSaysSo() throws Exception {
        new Deployer(EventSink.discard()).deploy(request(V1).build());
        cluster.controllers().failImage(V2, "ImagePullBackOff");

        DeployFailedException failure = org.junit.jupiter.api.Assertions.assertThrows(
                DeployFailedException.class, () -> new Deployer(EventSink.discard())
                        .deploy(request(V2).rollbackOnFailure(true).build()));

        assertThat(failure.getMessage())
                .contains("ImagePullBackOff")
                .contains("rolled back Deployment/web to revision 1");
        assertThat(failure.result().rolledBack()).containsExactly(new AppliedResource("Deployment", "web", "1"));
        assertThat(failure.result().toMap().get("rolledBack"))
                .isEqualTo(List.of(Map.of("kind", "Deployment", "name", "web", "revision", "1")));
        assertThat(image()).isEqualTo(REPO + "@" + V1);
        List<Pod> pods = cluster.client().pods().inNamespace("shop-test").list().getItems();
        assertThat(pods).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo(REPO + "@" + V1);
            assertThat(pod.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
        });
    }

    @Test
    void deploy_whenContainerCrashLoops_failsNamingCrashLoopBackOff() throws Exception {
        cluster.controllers().failImage(V1, "CrashLoopBackOff");

        assertThatThrownBy(() ->
                        new Deployer(EventSink.discard()).deploy(request(V1).build()))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("container web: CrashLoopBackOff");
    }

    @Test
    void deploy_whenProgressDeadlineExceeded_failsAtOnce() throws Exception {
        cluster.controllers().exceedProgressDeadline("shop-test", "web");
        cluster.controllers().failImage(V1, "ContainerCreating");

        assertThatThrownBy(() ->
                        new Deployer(EventSink.discard()).deploy(request(V1).build()))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("ProgressDeadlineExceeded");
    }

    @Test
    void deploy_whenRolloutNeverCompletes_failsAtTheTimeoutSayingWhatItWaitedFor() throws Exception {
        cluster.controllers().failImage(V1, "ContainerCreating");

        assertThatThrownBy(() -> new Deployer(EventSink.discard())
                        .deploy(request(V1).timeout(Duration.ofSeconds(2)).build()))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("did not complete within 2s; still waiting for ");
    }

    @Test
    void deploy_whenPodsRunAnotherDigest_failsNamingBoth() throws Exception {
        cluster.controllers().reportImageId(V1, REPO + "@" + V2);

        assertThatThrownBy(() ->
                        new Deployer(EventSink.discard()).deploy(request(V1).build()))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("runs " + REPO + "@" + V2 + ", not the pinned " + V1);
    }

    @Test
    void deploy_dryRun_changesNothing() throws Exception {
        cluster.dispatcher().clearRecorded();

        DeployResult result = new Deployer(EventSink.discard())
                .deploy(request(V1).dryRun(true).build());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.resources()).extracting(AppliedResource::kind).containsExactly("Service", "Deployment");
        assertThat(cluster.client().namespaces().withName("shop-test").get()).isNull();
        assertThat(cluster.client().apps().deployments().inAnyNamespace().list().getItems())
                .isEmpty();
        assertThat(cluster.dispatcher().writes()).isNotEmpty().allSatisfy(write -> assertThat(write.path())
                .contains("dryRun=All"));
    }

    @Test
    void deploy_withTagOnlyImageForMatchedWorkload_isRefusedBeforeAnythingIsApplied() throws Exception {
        cluster.dispatcher().clearRecorded();

        assertThatThrownBy(() -> request(V1).images(ImagePins.of(Map.of(REPO, REPO + ":2.0"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("has no digest");
        assertThat(cluster.dispatcher().writes()).isEmpty();
    }

    @Test
    void deploy_whenManifestNamesAnotherNamespace_isRefused() throws Exception {
        Files.writeString(
                dir.resolve("other.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: prod\n");

        assertThatThrownBy(() -> new Deployer(EventSink.discard())
                        .deploy(request(V1)
                                .manifests(List.of("app.yaml", "other.yaml"))
                                .build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("other.yaml:1: ConfigMap/c names namespace prod, not shop-test");
    }

    @Test
    void deploy_statefulSetAndDaemonSet_waitsForBothAndReportsTheirRevisions() throws Exception {
        Files.writeString(
                dir.resolve("sets.yaml"),
                """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: db
                spec:
                  replicas: 2
                  serviceName: db
                  selector:
                    matchLabels: {app: db}
                  template:
                    metadata:
                      labels: {app: db}
                    spec:
                      containers:
                      - name: db
                        image: %s:1.0
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                spec:
                  selector:
                    matchLabels: {app: agent}
                  template:
                    metadata:
                      labels: {app: agent}
                    spec:
                      containers:
                      - name: agent
                        image: busybox:1.36
                """
                        .formatted(REPO));

        DeployResult result = new Deployer(EventSink.discard())
                .deploy(request(V1).manifests(List.of("sets.yaml")).build());

        assertThat(result.resources()).extracting(AppliedResource::kind).containsExactly("StatefulSet", "DaemonSet");
        assertThat(result.resources().get(0).revision()).startsWith("db-");
        assertThat(result.resources().get(1).revision()).isEqualTo("1");
    }

    @Test
    void deploy_sameDigestAgain_keepsTheRevision() throws Exception {
        new Deployer(EventSink.discard()).deploy(request(V1).build());

        DeployResult again =
                new Deployer(EventSink.discard()).deploy(request(V1).build());

        assertThat(again.resources()).contains(new AppliedResource("Deployment", "web", "1"));
    }

    @Test
    void deploy_withRollbackOnFailure_whenTheDeploymentIsNew_saysThereIsNothingToRollBackTo() throws Exception {
        cluster.controllers().failImage(V1, "ImagePullBackOff");

        DeployFailedException failure = org.junit.jupiter.api.Assertions.assertThrows(
                DeployFailedException.class, () -> new Deployer(EventSink.discard())
                        .deploy(request(V1).rollbackOnFailure(true).build()));

        assertThat(failure.getMessage())
                .contains("ImagePullBackOff")
                .contains("nothing was rolled back")
                .contains("Deployment/web was created by this deploy and has no previous revision");
        assertThat(failure.result().rolledBack()).isEmpty();
    }

    private String image() {
        return cluster.client()
                .apps()
                .deployments()
                .inNamespace("shop-test")
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage();
    }
}
