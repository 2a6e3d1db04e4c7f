package io.jenkins.plugins.awsdelivery.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ImagePins;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployerTest {
    static final String V1 = "sha256:" + "1".repeat(64);
    static final String V2 = "sha256:" + "2".repeat(64);
    static final String REPO = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web";

    @TempDir
    Path dir;

    MockKubernetesCluster cluster;

    /** A StatefulSet {@code db} of 2 replicas of {@code %s:1.0}. */
    static final String STATEFUL_SET =
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
            """;
    /** A DaemonSet {@code agent} running the image {@code %s}. */
    static final String DAEMON_SET =
            """
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
                    image: %s
            """;

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
                STATEFUL_SET.formatted(REPO) + "---\n" + DAEMON_SET.formatted("busybox:1.36"));

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

    @Test
    void deploy_whenTheServerEndsTheWatchesDuringTheWait_watchesAgainAndCompletes() throws Exception {
        cluster.controllers().failImage(V1, "ContainerCreating");
        DeployRequest request = request(V1).timeout(Duration.ofSeconds(60)).build();
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var deploy = caller.submit(() -> new Deployer(EventSink.discard()).deploy(request));
            // The deploy's watches are the ones in its namespace; the fake controllers watch all namespaces.
            awaitTrue(() -> cluster.dispatcher().openWatches("/namespaces/shop-test/") == 2);
            int opened = watchRequests();

            assertThat(cluster.dispatcher().closeWatches("/namespaces/shop-test/"))
                    .isGreaterThanOrEqualTo(2);
            awaitTrue(() -> watchRequests() >= opened + 2);
            cluster.controllers().startImage(V1);

            DeployResult result = deploy.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(result.resources()).contains(new AppliedResource("Deployment", "web", "1"));
        } finally {
            caller.shutdownNow();
        }
    }

    private int watchRequests() {
        return (int) cluster.dispatcher().requests().stream()
                .filter(r ->
                        r.path().contains("/namespaces/shop-test/") && r.path().contains("watch=true"))
                .count();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * {@code rollbackOnFailure} undoes StatefulSets and DaemonSets through their ControllerRevisions, as {@code kubectl
     * rollout undo} does: a good version, then a bad image, and the previous template runs again.
     */
    @Nested
    class RollbackThroughControllerRevisions {

        DeployRequest.Builder workload(String yaml, String digest) throws Exception {
            Files.writeString(dir.resolve("workload.yaml"), yaml);
            return request(digest).manifests(List.of("workload.yaml"));
        }

        /** Deploys the workload at {@code V1}, then at {@code V2} whose image cannot be pulled, rolling back. */
        DeployFailedException goodThenUnpullableWithRollback(String yaml) throws Exception {
            new Deployer(EventSink.discard()).deploy(workload(yaml, V1).build());
            cluster.controllers().failImage(V2, "ImagePullBackOff");
            DeployRequest bad = workload(yaml, V2).rollbackOnFailure(true).build();
            return org.junit.jupiter.api.Assertions.assertThrows(
                    DeployFailedException.class, () -> new Deployer(EventSink.discard()).deploy(bad));
        }

        @Test
        void statefulSet_whenTheNewImageCannotBePulled_getsThePreviousTemplateBackAndTheDeploySaysSo()
                throws Exception {
            DeployFailedException failure = goodThenUnpullableWithRollback(STATEFUL_SET.formatted(REPO));

            assertThat(failure.getMessage())
                    .contains("StatefulSet/db")
                    .contains("ImagePullBackOff")
                    .contains("rolled back StatefulSet/db to revision 1");
            assertThat(failure.result().rolledBack()).containsExactly(new AppliedResource("StatefulSet", "db", "1"));
            var set = cluster.client()
                    .apps()
                    .statefulSets()
                    .inNamespace("shop-test")
                    .withName("db")
                    .get();
            assertThat(set.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage())
                    .isEqualTo(REPO + "@" + V1);
            assertThat(set.getStatus().getCurrentRevision())
                    .isEqualTo(set.getStatus().getUpdateRevision());
            assertThat(cluster.client().pods().inNamespace("shop-test").list().getItems())
                    .hasSize(2)
                    .allSatisfy(pod -> {
                        assertThat(pod.getSpec().getContainers().get(0).getImage())
                                .isEqualTo(REPO + "@" + V1);
                        assertThat(pod.getStatus().getContainerStatuses().get(0).getReady())
                                .isTrue();
                    });
        }

        @Test
        void daemonSet_whenTheNewImageCannotBePulled_getsThePreviousTemplateBackAndTheDeploySaysSo() throws Exception {
            DeployFailedException failure = goodThenUnpullableWithRollback(DAEMON_SET.formatted(REPO + ":1.0"));

            assertThat(failure.getMessage())
                    .contains("DaemonSet/agent")
                    .contains("ImagePullBackOff")
                    .contains("rolled back DaemonSet/agent to revision 1");
            assertThat(failure.result().rolledBack()).containsExactly(new AppliedResource("DaemonSet", "agent", "1"));
            assertThat(cluster.client()
                            .apps()
                            .daemonSets()
                            .inNamespace("shop-test")
                            .withName("agent")
                            .get()
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage())
                    .isEqualTo(REPO + "@" + V1);
            assertThat(cluster.client().pods().inNamespace("shop-test").list().getItems())
                    .singleElement()
                    .satisfies(pod -> {
                        assertThat(pod.getSpec().getContainers().get(0).getImage())
                                .isEqualTo(REPO + "@" + V1);
                        assertThat(pod.getStatus().getContainerStatuses().get(0).getReady())
                                .isTrue();
                    });
        }

        @Test
        void statefulSet_createdByThisDeploy_hasNothingToRollBackToAndTheResultSaysSo() throws Exception {
            cluster.controllers().failImage(V1, "ImagePullBackOff");

            DeployFailedException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    DeployFailedException.class, () -> new Deployer(EventSink.discard())
                            .deploy(workload(STATEFUL_SET.formatted(REPO), V1)
                                    .rollbackOnFailure(true)
                                    .build()));

            assertThat(failure.getMessage())
                    .contains("nothing was rolled back")
                    .contains("StatefulSet/db was created by this deploy and has no previous revision");
            assertThat(failure.result().rolledBack()).isEmpty();
        }
    }

    /**
     * An aborted build (the calling thread interrupted) stops a deploy while it applies or waits: it throws
     * {@link OperationAbortedException} with the interrupt flag still set, rolls nothing back, and leaves none of the
     * threads it started running.
     */
    @Nested
    class WhenTheCallingThreadIsInterrupted {
        @Test
        void deploy_interruptedDuringRolloutWait_throwsAbortedKeepsTheFlagRollsNothingBackAndLeavesNoThreads()
                throws Exception {
            new Deployer(EventSink.discard()).deploy(request(V1).build());
            cluster.controllers().failImage(V2, "ContainerCreating");
            DeployRequest request = request(V2)
                    .timeout(Duration.ofMinutes(2))
                    .gracePeriod(Duration.ofMinutes(1))
                    .rollbackOnFailure(true)
                    .build();
            cluster.dispatcher().clearRecorded();

            Aborted aborted = runAndInterrupt(request, () -> cluster.dispatcher().requests().stream()
                    .anyMatch(r -> r.path().contains("/namespaces/shop-test/pods?")
                            && r.path().contains("watch=true")));

            assertThat(aborted.thrown).isInstanceOf(OperationAbortedException.class);
            assertThat(aborted.thrown.getMessage()).contains("waiting for the rollout of Deployment/web");
            assertThat(aborted.interruptFlagKept).isTrue();
            assertThat(image()).isEqualTo(REPO + "@" + V2);
            assertThat(aborted.threadsLeft).isEmpty();
        }

        @Test
        void deploy_interruptedWhileApplying_throwsAbortedNamingTheObjectAndLeavesNoThreads() throws Exception {
            cluster.client()
                    .namespaces()
                    .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                            .withNewMetadata()
                            .withName("shop-test")
                            .endMetadata()
                            .build())
                    .create();
            cluster.dispatcher().delayApplies(Duration.ofSeconds(30));
            DeployRequest request = request(V1).rollbackOnFailure(true).build();

            Aborted aborted = runAndInterrupt(request, () -> cluster.dispatcher().requests().stream()
                    .anyMatch(r -> r.method().equals("PATCH")));

            assertThat(aborted.thrown).isInstanceOf(OperationAbortedException.class);
            assertThat(aborted.thrown.getMessage())
                    .isEqualTo("deploy to namespace shop-test of mock, applying Service/web: aborted");
            assertThat(aborted.interruptFlagKept).isTrue();
            assertThat(aborted.took).isLessThan(Duration.ofSeconds(10));
            assertThat(aborted.threadsLeft).isEmpty();
        }

        record Aborted(Throwable thrown, boolean interruptFlagKept, Duration took, Set<String> threadsLeft) {}

        /**
         * Runs the deploy on its own thread, interrupts it once {@code reached} holds, and lists the threads started
         * meanwhile that are still alive 2 seconds after the deploy returned. Left out: the mock API server's own threads
         * ({@code vert.x-}) and its clients' ({@code test-cluster-client}), and three process-wide pools that the first
         * HTTP client of the JVM starts and that end by themselves when idle, so no client can stop them and they do
         * not grow per deploy: OkHttp's {@code OkHttp TaskRunner} (60 s), Okio's {@code Okio Watchdog} (60 s) and
         * fabric8's {@code CachedSingleThreadScheduler} (10 s).
         */
        private Aborted runAndInterrupt(DeployRequest request, BooleanSupplier reached) throws Exception {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean flag = new AtomicBoolean();
            Thread deploy = new Thread(
                    () -> {
                        try {
                            new Deployer(EventSink.discard()).deploy(request);
                        } catch (Throwable t) {
                            thrown.set(t);
                        }
                        flag.set(Thread.currentThread().isInterrupted());
                    },
                    "deploy-under-test");
            deploy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!reached.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(reached.getAsBoolean())
                    .as("the deploy reached the point to interrupt")
                    .isTrue();
            Thread.sleep(200);
            long start = System.nanoTime();
            deploy.interrupt();
            deploy.join(Duration.ofSeconds(30).toMillis());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(deploy.isAlive()).as("deploy thread ended").isFalse();
            Thread.sleep(2000);
            Set<String> left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && t != deploy)
                    .map(Thread::getName)
                    .filter(name -> !name.startsWith("vert.x-")
                            && !name.equals("test-cluster-client")
                            && !name.equals("OkHttp TaskRunner")
                            && !name.equals("Okio Watchdog")
                            && !name.startsWith("CachedSingleThreadScheduler-"))
                    .collect(Collectors.toSet());
            return new Aborted(thrown.get(), flag.get(), took, left);
        }
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
