package io.jenkins.plugins.awsdelivery.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Jenkins agent JVM lives for weeks: once an API entry returns, no thread it started is still running. Threads of
 * the JDK's own shared pools (the process reaper, the common fork-join pool) and of OkHttp's shared task runner and Okio's timeout watchdog, which
 * each end by themselves after a minute idle, are not the engine's and are left out. On Java 17 the JDK HTTP client
 * has no way to be shut down: its selector thread ends once the client is collected, hence {@code System.gc()} below;
 * {@link NoThreadsLeftOnJava21Test} checks, on a newer JDK, that the engine shuts it down without a collection.
 */
class NoThreadsLeftTest {
    static final Set<String> SHARED_POOLS =
            Set.of("process reaper", "ForkJoinPool.commonPool", "OkHttp TaskRunner", "Okio Watchdog");

    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    @TempDir
    Path workspace;

    @Test
    void promote_leavesNoThread() throws Exception {
        PushedImage image = new ImageFixtures(registry).pushOciImage("threads/source", "1", 2, 4096);
        DeliveryContext context =
                DeliveryContext.builder().workingDirectory(workspace).build();

        assertNoThreadLeftBy(() -> Delivery.promote(
                context,
                PromoteRequest.builder()
                        .source(image.reference())
                        .destination(registry.hostPort() + "/threads/destination:1")
                        .build()));
    }

    @Test
    void deploy_leavesNoThread() throws Exception {
        try (MockKubernetesCluster cluster = MockKubernetesCluster.start()) {
            Path kubeconfig = cluster.writeKubeconfig(workspace);
            Files.writeString(
                    workspace.resolve("app.yaml"),
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: test\n");
            DeliveryContext context = DeliveryContext.builder()
                    .workingDirectory(workspace)
                    .environment(Map.of("KUBECONFIG", kubeconfig.toString()))
                    .build();

            assertNoThreadLeftBy(() -> Delivery.deploy(
                    context,
                    DeployRequest.builder()
                            .manifests(List.of("app.yaml"))
                            .namespace("threads")
                            .build()));
        }
    }

    @Test
    void suiteAndJunit_leaveNoThread() throws Exception {
        DeliveryContext context = DeliveryContext.builder()
                .workingDirectory(workspace)
                .environment(Map.of("PATH", "/usr/bin:/bin"))
                .build();
        String report = "<testsuite name='s' tests='1'><testcase classname='c' name='t'/></testsuite>";

        assertNoThreadLeftBy(() -> Delivery.suite(
                context,
                SuiteRequest.builder()
                        .command("printf \"%s\" \"" + report + "\" > TEST-threads.xml")
                        .build()));
        assertNoThreadLeftBy(() -> Delivery.junit(
                context,
                JunitRequest.builder()
                        .paths(List.of("TEST-threads.xml"))
                        .reportDirectory("report")
                        .build()));
    }

    private static void assertNoThreadLeftBy(Supplier<?> operation) throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        operation.get();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Set<String> left;
        do {
            System.gc();
            Thread.sleep(100);
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .filter(thread -> !before.contains(thread))
                    .map(Thread::getName)
                    .filter(name -> SHARED_POOLS.stream().noneMatch(name::startsWith))
                    .collect(Collectors.toSet());
        } while (!left.isEmpty() && Instant.now().isBefore(deadline));
        assertThat(left).as("threads still running after the call returned").isEmpty();
    }
}
