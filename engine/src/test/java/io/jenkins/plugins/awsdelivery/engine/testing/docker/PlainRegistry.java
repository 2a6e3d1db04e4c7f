package io.jenkins.plugins.awsdelivery.engine.testing.docker;

import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary: Debian's docker-registry without auth on a free loopback port, until LocalRegistry lands on main. */
public final class PlainRegistry implements AutoCloseable {
    private final Path directory;
    private final Process process;
    private final int port;

    private PlainRegistry(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    public static PlainRegistry start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("plain-registry");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.writeString(
                directory.resolve("config.yml"),
                "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n"
                        + "    rootdirectory: " + directory.resolve("data") + "\n  delete:\n    enabled: true\n"
                        + "http:\n  addr: 127.0.0.1:" + port + "\n");
        Process process = new ProcessBuilder(
                        "/usr/bin/docker-registry",
                        "serve",
                        directory.resolve("config.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("registry.log").toFile())
                .start();
        PlainRegistry registry = new PlainRegistry(directory, process, port);
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            try {
                if (client.send(
                                        HttpRequest.newBuilder(registry.url().resolve("/v2/"))
                                                .timeout(Duration.ofSeconds(1))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return registry;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(20);
        }
        registry.close();
        throw new IllegalStateException("docker-registry did not start");
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            LocalProcessRunner.killTree(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // harmless
        }
    }
}
