package io.jenkins.plugins.awsdelivery.checks;

import java.io.IOException;
import java.net.URI;
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
        int port = Loopback.freePort();
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
        if (!Loopback.awaitOk(baseUrl, Duration.ofSeconds(10), process::isAlive)) {
            String why = process.isAlive() ? "did not answer within 10 s" : "exited with " + process.exitValue();
            close();
            throw new IllegalStateException("busybox httpd on " + baseUrl + " " + why);
        }
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
}
