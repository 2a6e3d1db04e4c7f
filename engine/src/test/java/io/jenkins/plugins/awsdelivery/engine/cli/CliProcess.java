package io.jenkins.plugins.awsdelivery.engine.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code delivery ARGS} as its own JVM, as a build agent does, so that AWS keys come from environment variables
 * through the default credential chain. The caller's {@code AWS_*} and {@code DELIVERY_*} variables are removed first.
 */
final class CliProcess {
    record Run(int exitCode, String stdout, String stderr) {}

    private CliProcess() {}

    static Run run(Path scratch, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return run(scratch, List.of(), environment, args);
    }

    /** @param jvmOptions options for the CLI's JVM, e.g. {@code -Djdk.net.hosts.file=...} */
    static Run run(Path scratch, List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return runIn(null, scratch, jvmOptions, environment, args);
    }

    /** {@link #run} with {@code workingDirectory} as the process's current directory (null: the test's). */
    static Run runIn(
            Path workingDirectory,
            Path scratch,
            List<String> jvmOptions,
            Map<String, String> environment,
            String... args)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, DeliveryCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("DELIVERY_"));
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().putAll(environment);
        File stdout = Files.createTempFile(scratch, "cli", ".out").toFile();
        File stderr = Files.createTempFile(scratch, "cli", ".err").toFile();
        Process process = builder.redirectOutput(stdout).redirectError(stderr).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("delivery " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(
                process.exitValue(),
                Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
                Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
    }
}
