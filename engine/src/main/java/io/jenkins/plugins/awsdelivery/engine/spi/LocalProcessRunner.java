package io.jenkins.plugins.awsdelivery.engine.spi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs programs on this machine. On timeout or interruption the whole process tree is killed. */
public final class LocalProcessRunner implements ProcessRunner {

    @Override
    public ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(spec.command()).redirectErrorStream(true);
        if (spec.workingDirectory() != null) {
            builder.directory(spec.workingDirectory().toFile());
        }
        builder.environment().putAll(spec.environment());
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
