package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's aws CLI ({@code /usr/bin/aws}, botocore inside), the reference for AWS request shapes: a test sends the
 * same input through it and through the engine to an emulator and compares what arrived. Called by its path, because
 * another {@code aws} may come first on the PATH; missing, it fails the test (bin/test installs it).
 */
public final class ReferenceAwsCli {
    private static final Path BINARY = Path.of("/usr/bin/aws");

    private ReferenceAwsCli() {}

    /** Runs {@code aws ARGS --endpoint-url <emulator> --region eu-west-1} with fixed keys and no config files. */
    public static String run(AwsEmulator emulator, Path scratch, String... args)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package awscli (bin/test does)");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        command.addAll(
                List.of("--endpoint-url", emulator.endpoint().toString(), "--region", "eu-west-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        Path home = Files.createTempDirectory(scratch, "aws-home");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIAREFERENCECLI");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "reference-cli-secret");
        builder.environment().put("AWS_CONFIG_FILE", home.resolve("config").toString());
        builder.environment()
                .put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        builder.environment().put("AWS_PAGER", "");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        Path output = home.resolve("stdout");
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish in 60 s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("aws " + String.join(" ", args) + " failed: " + text);
        }
        return text;
    }
}
