package io.jenkins.plugins.awsdelivery.engine.spi;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs on this machine. On timeout or interruption the whole process tree is killed.
 *
 * <p>With a {@linkplain #LocalProcessRunner(Map) base environment} (a build's environment, in a Jenkins agent that
 * serves many builds) the program sees exactly that environment plus the spec's additions, and a command without a
 * slash is looked up on that environment's {@code PATH}; without one it inherits this JVM's environment, as a
 * command-line program does.
 */
public final class LocalProcessRunner implements ProcessRunner {
    private final Map<String, String> baseEnvironment;

    /** Programs inherit this JVM's environment (the CLI). */
    public LocalProcessRunner() {
        this.baseEnvironment = null;
    }

    /** Programs get exactly {@code baseEnvironment} plus each spec's additions. */
    public LocalProcessRunner(Map<String, String> baseEnvironment) {
        this.baseEnvironment = Map.copyOf(baseEnvironment);
    }

    @Override
    public ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (spec.workingDirectory() != null) {
            builder.directory(spec.workingDirectory().toFile());
        }
        if (baseEnvironment != null) {
            builder.environment().clear();
            builder.environment().putAll(baseEnvironment);
        }
        builder.environment().putAll(spec.environment());
        if (baseEnvironment != null) {
            command.set(0, onPath(command.get(0), builder.environment().get("PATH")));
        }
        long started = System.nanoTime();
        Process process = builder.start();
        Thread reader = new Thread(
                () -> pump(process, spec), "output of " + spec.command().get(0));
        reader.setDaemon(true);
        reader.start();
        try (OutputStream stdin = process.getOutputStream()) {
            byte[] input = spec.standardInput();
            if (input != null) {
                stdin.write(input);
                java.util.Arrays.fill(input, (byte) 0);
            }
        } catch (IOException e) {
            // The program exited without reading its input; its exit code tells what happened.
        }
        boolean finished;
        try {
            if (spec.timeout() == null) {
                process.waitFor();
                finished = true;
            } else {
                finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        if (!finished) {
            killTree(process);
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        return new ProcessResult(finished ? process.exitValue() : -1, !finished, duration);
    }

    /**
     * The JDK looks a bare program name up on the JVM's own {@code PATH}; a build may have another one (a tool
     * installation, a {@code withEnv}), so the lookup happens here.
     */
    static String onPath(String program, String path) {
        if (program.contains("/") || path == null) {
            return program;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    private static void pump(Process process, ProcessSpec spec) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                spec.outputLines().accept(line);
            }
        } catch (IOException e) {
            // The stream closes when the process is killed.
        }
    }

    /** Kills descendants first so that none is re-parented and survives its parent. */
    public static void killTree(Process process) throws InterruptedException {
        killTree(process.toHandle());
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        root.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
