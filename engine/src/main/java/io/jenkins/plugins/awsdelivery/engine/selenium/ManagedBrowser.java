package io.jenkins.plugins.awsdelivery.engine.selenium;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.JdkHttpClients;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromedriver} on a free loopback port, for the duration of one suite. The suite connects to {@link
 * #remoteUrl()} over WebDriver and sets its own capabilities (the Chromium binary and flags).
 *
 * <p>{@link #close()} stops chromedriver and every browser process it started, including Chromium's crash handlers,
 * which detach from the process tree: chromedriver runs with {@code HOME}, {@code TMPDIR} and the XDG folders inside
 * a private temporary folder, so every browser process names that folder in its arguments and is found by it. The
 * folder (browser profiles included) is deleted afterwards.
 */
public final class ManagedBrowser implements AutoCloseable {
    public static final Path DEBIAN_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI remoteUrl;
    private final Path privateDir;
    private final EventSink sink;

    private ManagedBrowser(Process process, URI remoteUrl, Path privateDir, EventSink sink) {
        this.process = process;
        this.remoteUrl = remoteUrl;
        this.privateDir = privateDir;
        this.sink = sink;
    }

    /** Starts chromedriver and waits until it accepts sessions. */
    public static ManagedBrowser start(Path chromedriver, EventSink sink) {
        if (!Files.isExecutable(chromedriver)) {
            throw new DeliveryException("managed browser: " + chromedriver + " is not an executable file; install"
                    + " Debian's chromium-driver and chromium packages (apt-get install chromium chromium-driver)");
        }
        String lastProblem = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path privateDir = createPrivateDir();
            int port = freeLoopbackPort();
            Process process = launch(chromedriver, port, privateDir);
            URI url = URI.create("http://127.0.0.1:" + port);
            Optional<String> problem = awaitReady(process, url);
            if (problem.isEmpty()) {
                sink.info("managed browser: chromedriver (pid " + process.pid() + ") ready at " + url);
                return new ManagedBrowser(process, url, privateDir, sink);
            }
            lastProblem = problem.get() + lastLines(privateDir.resolve("chromedriver.log"));
            stop(process, privateDir);
            if (Thread.currentThread().isInterrupted()) {
                throw new OperationAbortedException("managed browser: starting " + chromedriver);
            }
            sink.debug("managed browser: attempt " + attempt + " failed: " + lastProblem);
        }
        throw new DeliveryException("managed browser: " + chromedriver + " did not start after " + START_ATTEMPTS
                + " attempts: " + lastProblem + "; run it by hand with --port=9515 to see why");
    }

    /** The WebDriver endpoint, {@code http://127.0.0.1:PORT}, given to the suite as {@code SELENIUM_REMOTE_URL}. */
    public URI remoteUrl() {
        return remoteUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops chromedriver and every browser process; safe to call more than once. */
    @Override
    public void close() {
        int stopped = stop(process, privateDir);
        sink.info("managed browser: stopped chromedriver"
                + (stopped > 0 ? " and " + stopped + " browser processes" : ""));
    }

    private static Path createPrivateDir() {
        try {
            Path dir = Files.createTempDirectory("delivery-browser-");
            for (String sub : List.of("home", "tmp", "config", "cache", "data")) {
                Files.createDirectories(dir.resolve(sub));
            }
            return dir;
        } catch (IOException e) {
            throw new DeliveryException("managed browser: cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    private static Process launch(Path chromedriver, int port, Path privateDir) {
        ProcessBuilder builder = new ProcessBuilder(
                        chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1", "--log-level=WARNING")
                .redirectErrorStream(true)
                .redirectOutput(privateDir.resolve("chromedriver.log").toFile());
        builder.environment().put("HOME", privateDir.resolve("home").toString());
        builder.environment().put("TMPDIR", privateDir.resolve("tmp").toString());
        builder.environment()
                .put("XDG_CONFIG_HOME", privateDir.resolve("config").toString());
        builder.environment().put("XDG_CACHE_HOME", privateDir.resolve("cache").toString());
        builder.environment().put("XDG_DATA_HOME", privateDir.resolve("data").toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new DeliveryException("managed browser: cannot start " + chromedriver + ": " + e.getMessage(), e);
        }
    }

    /** Polls {@code GET /status} until {@code "ready":true}; empty when ready, else what went wrong. */
    private static Optional<String> awaitReady(Process process, URI url) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
        HttpRequest status = HttpRequest.newBuilder(url.resolve("/status"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return poll(process, client, status);
        } finally {
            JdkHttpClients.shutDown(client);
        }
    }

    private static Optional<String> poll(Process process, HttpClient client, HttpRequest status) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return Optional.of("chromedriver exited with code " + process.exitValue());
            }
            try {
                HttpResponse<String> response = client.send(status, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200
                        && response.body().replace(" ", "").contains("\"ready\":true")) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting for chromedriver");
            }
            sleep(50);
        }
        return Optional.of("chromedriver was not ready within " + START_TIMEOUT.toSeconds() + " s");
    }

    /**
     * Kills the tree, then any process that names the private folder (detached crash handlers); returns the count. An
     * interrupted caller (an aborted build) is cleaned up after all: the flag is set aside for the bounded waits below
     * and restored at the end.
     */
    private static int stop(Process process, Path privateDir) {
        boolean interrupted = Thread.interrupted();
        try {
            return killAll(process, privateDir);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int killAll(Process process, Path privateDir) {
        List<ProcessHandle> victims = new ArrayList<>();
        process.descendants().forEach(victims::add);
        boolean interrupted = false;
        try {
            LocalProcessRunner.killTree(process);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        String marker = privateDir.toString();
        ProcessHandle.allProcesses()
                .filter(handle -> handle.info()
                        .commandLine()
                        .map(line -> line.contains(marker))
                        .orElse(false))
                .forEach(handle -> {
                    victims.add(handle);
                    LocalProcessRunner.killTree(handle);
                });
        for (ProcessHandle victim : victims) {
            try {
                victim.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (Exception e) {
                // Already gone, or a zombie waiting for its parent to reap it; it runs no more code either way.
            }
        }
        deleteRecursively(privateDir);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return (int) victims.stream().map(ProcessHandle::pid).distinct().count();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return "";
            }
            return " (chromedriver said: "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // A browser may still be writing; the folder is a temporary one.
                }
            });
        } catch (IOException e) {
            // Same: best effort for a temporary folder.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
