package io.jenkins.plugins.awsdelivery.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code KUBECONFIG} holding a colon-separated list, merged the way kubectl documents it ("Organizing Cluster Access
 * Using kubeconfig Files", merging rules): the first file that sets {@code current-context} wins; for a cluster,
 * context or user defined in several files the first definition wins; files that do not exist are skipped.
 */
class KubeconfigListTest {
    static final String NOWHERE = "http://127.0.0.1:9";

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

    @Test
    void kubeconfigList_usesTheCurrentContextOfTheFirstFileThatSetsOne() throws Exception {
        Path contextsOnly = file("a", context("elsewhere", NOWHERE, null));
        Path first = file("b", context("mock", cluster.url(), "mock"));
        Path second = file("c", context("other", NOWHERE, "other"));

        ClusterConnection connection =
                ClusterConnection.kubeconfigList(contextsOnly + ":" + first + ":" + second, Path::of);

        assertThat(connection.displayName()).isEqualTo("mock");
        assertReaches(connection);
    }

    @Test
    void kubeconfigList_whenTwoFilesDefineTheSameContextAndCluster_takesTheFirstDefinitions() throws Exception {
        Path first = file("a", context("mock", cluster.url(), null));
        Path second = file("b", context("mock", NOWHERE, "mock"));

        ClusterConnection connection = ClusterConnection.kubeconfigList(first + ":" + second, Path::of);

        assertThat(connection.displayName()).isEqualTo("mock");
        assertReaches(connection);
    }

    @Test
    void kubeconfigList_skipsMissingFilesAndEmptyEntries() throws Exception {
        Path only = file("a", context("mock", cluster.url(), "mock"));

        ClusterConnection connection =
                ClusterConnection.kubeconfigList(":" + dir.resolve("missing") + "::" + only + ":", Path::of);

        assertThat(connection.displayName()).isEqualTo("mock");
        assertReaches(connection);
    }

    @Test
    void kubeconfigList_whenNoFileExists_namesTheFiles() {
        ClusterConnection connection =
                ClusterConnection.kubeconfigList(dir.resolve("x") + ":" + dir.resolve("y"), Path::of);

        assertThatThrownBy(connection::displayName)
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(dir.resolve("x").toString())
                .hasMessageContaining(dir.resolve("y").toString());
    }

    private void assertReaches(ClusterConnection connection) {
        try (KubernetesClient client = connection.connect()) {
            assertThat(client.namespaces().withName("default").get()).isNull();
        }
        assertThat(cluster.dispatcher().requests())
                .anySatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer token-of-mock"));
    }

    /** A kubeconfig with one cluster, user and context named {@code name}; a current context when given. */
    private static String context(String name, String server, String currentContext) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster: {server: "%2$s"}
                users:
                - name: %1$s
                  user: {token: token-of-%1$s}
                contexts:
                - name: %1$s
                  context: {cluster: %1$s, user: %1$s}
                """
                        .formatted(name, server)
                + (currentContext == null ? "" : "current-context: " + currentContext + "\n");
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
