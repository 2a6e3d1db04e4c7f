package io.jenkins.plugins.awsdelivery.engine.testing.docker;

import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Docker daemon for tests: Debian's {@code dockerd} with its own data root, exec root and socket, no iptables
 * and no bridge, so it touches nothing of the machine's own Docker. Loopback registries are insecure by default for
 * dockerd, so images push to {@code 127.0.0.1:<port>} over plain HTTP. Nothing can be pulled: build test images
 * {@code FROM scratch}.
 *
 * <p>One daemon serves the whole test run ({@link #shared()}); it stops (by PID) when the JVM exits. The docker client
 * on the PATH talks to it through {@link #environment()} ({@code DOCKER_HOST}, and {@code DOCKER_BUILDKIT=0}
 * because the daemon has no buildx).
 */
public final class DockerDaemon implements AutoCloseable {
    private static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    /** The base image {@link #busyboxImage()} makes: Debian's static busybox as {@code /bin/sh}, {@code sleep}... */
    public static final String BUSYBOX_IMAGE = "local/busybox-static:latest";

    private static DockerDaemon shared;
    private boolean busyboxImported;

    private final Path dataRoot;
    private final Path execRoot;
    private final Process process;

    private DockerDaemon(Path dataRoot, Path execRoot, Process process) {
        this.dataRoot = dataRoot;
        this.execRoot = execRoot;
        this.process = process;
    }

    /** The daemon of this test run, started on first use. */
    public static synchronized DockerDaemon shared() {
        if (shared == null) {
            shared = start();
            DockerDaemon daemon = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "stop test dockerd"));
        }
        return shared;
    }

    /** Starts a new daemon; prefer {@link #shared()}, start-ups cost time. */
    public static DockerDaemon start() {
        if (!Files.isExecutable(DOCKERD)) {
            throw new IllegalStateException(
                    DOCKERD + " is missing: install the Debian package docker.io (bin/test does)");
        }
        try {
            Path dataRoot = Files.createTempDirectory("test-dockerd");
            // The socket path must stay short (< 108 bytes), so the exec root lives directly under /tmp.
            Path execRoot = Files.createTempDirectory(Path.of("/tmp"), "dkr");
            Process process = new ProcessBuilder(
                            DOCKERD.toString(),
                            "--iptables=false",
                            "--ip6tables=false",
                            "--bridge=none",
                            "--data-root",
                            dataRoot.resolve("data").toString(),
                            "--exec-root",
                            execRoot.toString(),
                            "--pidfile",
                            dataRoot.resolve("dockerd.pid").toString(),
                            "-H",
                            "unix://" + execRoot.resolve("docker.sock"))
                    .redirectErrorStream(true)
                    .redirectOutput(dataRoot.resolve("dockerd.log").toFile())
                    .start();
            DockerDaemon daemon = new DockerDaemon(dataRoot, execRoot, process);
            daemon.awaitReady();
            return daemon;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dockerd", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    break;
                }
                if (Files.exists(execRoot.resolve("docker.sock"))
                        && docker(List.of("version", "--format", "{{.Server.Version}}")) == 0) {
                    return;
                }
                Thread.sleep(100);
            }
            String log = Files.readString(dataRoot.resolve("dockerd.log"));
            close();
            throw new IllegalStateException("dockerd did not become ready; its log:\n" + log);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException(e);
        }
    }

    /** {@code unix:///tmp/dkr…/docker.sock}. */
    public String host() {
        return "unix://" + execRoot.resolve("docker.sock");
    }

    /** What a docker client needs to reach this daemon. */
    public Map<String, String> environment() {
        return Map.of("DOCKER_HOST", host(), "DOCKER_BUILDKIT", "0");
    }

    /**
     * A base image for Dockerfiles that need a shell ({@code RUN}), made locally because nothing can be pulled: a root
     * file system holding Debian's statically linked {@code /bin/busybox} (package busybox-static) with {@code sh} and
     * {@code sleep} linked to it, imported with {@code docker import}. Returns {@link #BUSYBOX_IMAGE}.
     */
    public synchronized String busyboxImage() throws IOException, InterruptedException {
        if (busyboxImported) {
            return BUSYBOX_IMAGE;
        }
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException(
                    BUSYBOX + " is missing: install the Debian package busybox-static (bin/test does)");
        }
        Path root = Files.createTempDirectory("busybox-root");
        try {
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            for (String applet : List.of("sh", "sleep", "echo", "cat", "ls")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
            Path tar = root.resolve("rootfs.tar");
            Process packing = new ProcessBuilder("tar", "-C", root.toString(), "-cf", tar.toString(), "bin")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (packing.waitFor() != 0 || docker(List.of("import", tar.toString(), BUSYBOX_IMAGE)) != 0) {
                throw new IllegalStateException("cannot import " + BUSYBOX + " as the image " + BUSYBOX_IMAGE);
            }
            busyboxImported = true;
            return BUSYBOX_IMAGE;
        } finally {
            delete(root);
        }
    }

    /** Runs {@code docker ARGS...} against this daemon and returns its exit code; output is discarded. */
    public int docker(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        Process docker = builder.start();
        if (!docker.waitFor(60, TimeUnit.SECONDS)) {
            LocalProcessRunner.killTree(docker);
            return -1;
        }
        return docker.exitValue();
    }

    /** Runs {@code docker ARGS...} against this daemon and returns its standard output; fails on a non-zero exit. */
    public String dockerOutput(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        Process docker = builder.start();
        String output = new String(docker.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!docker.waitFor(60, TimeUnit.SECONDS) || docker.exitValue() != 0) {
            LocalProcessRunner.killTree(docker);
            throw new IllegalStateException("docker " + String.join(" ", arguments) + " failed");
        }
        return output.strip();
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: dockerd shuts down cleanly
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    LocalProcessRunner.killTree(process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Path netns = execRoot.resolve("netns").resolve("default");
        if (Files.exists(netns)) {
            try {
                new ProcessBuilder("umount", netns.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // Nothing mounted.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        delete(execRoot);
        delete(dataRoot);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    @Override
    public String toString() {
        return "DockerDaemon{" + host() + "}";
    }
}
