package io.jenkins.plugins.awsdelivery.engine.testing.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.Dispatcher;

/**
 * A Kubernetes API server for tests: fabric8's mock server in CRUD mode on a loopback port (plain HTTP), with
 * server-side apply ({@link ServerSideApplyDispatcher}) and controllers that roll workloads out
 * ({@link FakeControllers}). No real API server can run on the build machines.
 */
public final class MockKubernetesCluster implements AutoCloseable {
    private final KubernetesMockServer server;
    private final ServerSideApplyDispatcher dispatcher;
    private final KubernetesClient client;
    private final FakeControllers controllers;
    // The test's own clients run their tasks (watch event delivery) and their HTTP calls on threads named
    // "test-cluster-client", so that a test can tell them from the threads of the code under test.
    private final ExecutorService clientTasks = Executors.newCachedThreadPool(MockKubernetesCluster::testThread);
    private final ExecutorService clientCalls = Executors.newCachedThreadPool(MockKubernetesCluster::testThread);

    private MockKubernetesCluster(KubernetesMockServer server, ServerSideApplyDispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = server.createClient(this::ownThreads);
        this.controllers = new FakeControllers(server.createClient(this::ownThreads));
    }

    private void ownThreads(KubernetesClientBuilder builder) {
        builder.withTaskExecutor(clientTasks).withHttpClientFactory(new OkHttpClientFactory() {
            @Override
            protected Dispatcher initDispatcher() {
                Dispatcher dispatcher = new Dispatcher(clientCalls);
                dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
                dispatcher.setMaxRequests(Integer.MAX_VALUE);
                return dispatcher;
            }
        });
    }

    private static Thread testThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "test-cluster-client");
        thread.setDaemon(true);
        return thread;
    }

    public static MockKubernetesCluster start() {
        ServerSideApplyDispatcher dispatcher = new ServerSideApplyDispatcher();
        @SuppressWarnings("deprecation")
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        MockKubernetesCluster cluster = new MockKubernetesCluster(server, dispatcher);
        cluster.controllers.start();
        return cluster;
    }

    /** A client for arranging and asserting; the code under test makes its own. */
    public KubernetesClient client() {
        return client;
    }

    public FakeControllers controllers() {
        return controllers;
    }

    public ServerSideApplyDispatcher dispatcher() {
        return dispatcher;
    }

    /** The API server's URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Writes a kubeconfig for this server into {@code directory} with context {@code mock}. */
    public Path writeKubeconfig(Path directory) {
        Path file = directory.resolve("kubeconfig");
        String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + url()
                + "\ncontexts:\n- name: mock\n  context:\n    cluster: mock\n    user: mock\ncurrent-context: mock\n"
                + "users:\n- name: mock\n  user:\n    token: mock-token\n";
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        controllers.close();
        client.close();
        server.destroy();
        clientTasks.shutdownNow();
        clientCalls.shutdownNow();
    }
}
