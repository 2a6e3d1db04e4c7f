package io.jenkins.plugins.awsdelivery.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's busybox {@code httpd} serving a folder on a free loopback port, as the example image serves {@code /www}:
 * static files and CGI programs under {@code /cgi-bin}.
 */
final class BusyboxHttpd implements AutoCloseable {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private final Process process;
    private final URI baseUrl;

    private BusyboxHttpd(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static BusyboxHttpd serve(Path folder) throws IOException, InterruptedException {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException(BUSYBOX + " is missing; install Debian's busybox-static (bin/test does)");
        }
        int port = freeLoopbackPort();
        Process process = new ProcessBuilder(
                        BUSYBOX.toString(), "httpd", "-f", "-p", "127.0.0.1:" + port, "-h", folder.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        BusyboxHttpd httpd = new BusyboxHttpd(process, URI.create("http://127.0.0.1:" + port + "/"));
        httpd.awaitReady();
        return httpd;
    }

    URI baseUrl() {
        return baseUrl;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("busybox httpd exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(baseUrl)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("busybox httpd did not answer on " + baseUrl + " within 10 s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
