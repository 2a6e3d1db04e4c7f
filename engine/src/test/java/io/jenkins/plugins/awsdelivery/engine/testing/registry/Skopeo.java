package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code skopeo}, an independent client that tests use to check what a registry really holds. Plain HTTP
 * ({@code --tls-verify=false}), as the local registries are. A failed run fails the test with skopeo's stderr.
 */
public final class Skopeo {
    private Skopeo() {}

    /** {@code skopeo ARGS}: its standard output. */
    public static byte[] run(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/skopeo"));
        command.addAll(List.of(args));
        try {
            Path errors = Files.createTempFile("skopeo", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectError(errors.toFile())
                        .start();
                byte[] output = process.getInputStream().readAllBytes();
                assertThat(process.waitFor(60, TimeUnit.SECONDS))
                        .as("skopeo %s finished", String.join(" ", args))
                        .isTrue();
                assertThat(process.exitValue())
                        .as("skopeo %s: %s", String.join(" ", args), Files.readString(errors))
                        .isZero();
                return output;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The digest skopeo reports for {@code image} ({@code inspect --format {{.Digest}}}), after {@code options}. */
    public static String digest(String image, String... options) {
        List<String> args = new ArrayList<>(List.of("inspect", "--tls-verify=false"));
        args.addAll(List.of(options));
        args.addAll(List.of("--format", "{{.Digest}}", "docker://" + image));
        return new String(run(args.toArray(String[]::new)), StandardCharsets.UTF_8).strip();
    }

    /**
     * The digest skopeo reports for {@code image} on a TLS registry, verifying its certificate against the CA in
     * {@code certDir} ({@code ca.crt}, as {@code --cert-dir} wants it), after {@code options}.
     */
    public static String digestVerifiedWith(Path certDir, String image, String... options) {
        List<String> args = new ArrayList<>(List.of("inspect", "--cert-dir", certDir.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--format", "{{.Digest}}", "docker://" + image));
        return new String(run(args.toArray(String[]::new)), StandardCharsets.UTF_8).strip();
    }

    /** The sha256 of the raw manifest that {@code inspect --raw} reads. */
    public static Digest rawManifestDigest(String reference) {
        return Digest.sha256(run("inspect", "--tls-verify=false", "--raw", "docker://" + reference));
    }

    /** {@code inspect}'s JSON description of {@code image} (labels, layers, ...). */
    public static String inspect(String image) {
        return new String(run("inspect", "--tls-verify=false", "docker://" + image), StandardCharsets.UTF_8);
    }
}
