package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrerFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code delivery promote} as scripts use it: the JSON contract, exit codes, one-line errors, credentials. */
class PromoteCommandTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry otherRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry secureRegistry =
            new LocalRegistry().withTls().withBasicAuth("AWS", "ecr-token:with:colons");

    private static final AtomicInteger repositories = new AtomicInteger();

    private final ImageFixtures source = new ImageFixtures(sourceRegistry);
    private final ImageFixtures secure = new ImageFixtures(secureRegistry);
    private final String repository = "team/cli" + repositories.incrementAndGet();

    @Test
    void promote_withJson_printsExactlyTheContractFields() throws IOException {
        PushedImage image = source.pushOciIndex(repository, "1.0", 1_000);
        String destination = sourceRegistry.reference("prod/" + repository + ":1.0");

        Run run = run("promote", image.reference(), destination, "--json");

        assertThat(run.exitCode).isZero();
        assertThat(run.stderr).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(run.stdout, Map.class);
        assertThat(json.keySet())
                .containsExactly(
                        "source",
                        "destination",
                        "digest",
                        "mediaType",
                        "manifests",
                        "blobsCopied",
                        "blobsMounted",
                        "blobsSkipped",
                        "bytesCopied",
                        "referrers");
        assertThat(json)
                .containsEntry("source", sourceRegistry.reference(repository + ":1.0@" + image.digest()))
                .containsEntry("destination", destination + "@" + image.digest())
                .containsEntry("digest", image.digest().toString())
                .containsEntry("mediaType", ImageFixtures.OCI_INDEX)
                .containsEntry("manifests", 3)
                .containsEntry("blobsMounted", image.blobs().size())
                .containsEntry("blobsCopied", 0);
    }

    @Test
    void promote_whenRepeatedToAnotherRegistry_reportsNoBlobCopied() throws IOException {
        PushedImage image = source.pushDockerImage(repository, "1.0", 2, 10_000);
        String destination = otherRegistry.reference(repository + ":1.0");
        Run first = run("promote", image.reference(), destination, "--json");

        Run repeat = run("promote", image.reference(), destination, "--json");

        assertThat(new ObjectMapper().readValue(first.stdout, Map.class)).containsEntry("blobsCopied", 3);
        assertThat(new ObjectMapper().readValue(repeat.stdout, Map.class))
                .containsEntry("blobsCopied", 0)
                .containsEntry("bytesCopied", 0)
                .containsEntry("blobsSkipped", 3)
                .containsEntry("digest", image.digest().toString());
    }

    @Test
    void promote_withDryRun_printsThePlanAndWritesNothing() throws IOException {
        PushedImage image = source.pushDockerImage(repository, "1.0", 2, 1_000);
        String destination = sourceRegistry.reference("prod/" + repository + ":1.0");

        Run run = run("promote", image.reference(), destination, "--dry-run", "--json");

        assertThat(run.exitCode).isZero();
        assertThat(new ObjectMapper().readValue(run.stdout, Map.class)).containsEntry("blobsMounted", 3);
        assertThat(source.tagDigest("prod/" + repository, "1.0")).isEmpty();
    }

    @Test
    void promote_whenSourceIsMissing_exitsNonZeroWithOneLineOnStderr() {
        Run run = run(
                "promote",
                sourceRegistry.reference(repository + ":nope"),
                sourceRegistry.reference("prod/" + repository + ":nope"));

        assertThat(run.exitCode).isNotZero();
        assertThat(run.stdout).isEmpty();
        assertThat(run.stderr.lines()).hasSize(1);
        assertThat(run.stderr).startsWith("delivery promote: ").contains("not found");
    }

    @Test
    void promote_withReferrersTypes_copiesOnlyThoseAndListsThemInTheJson() throws IOException {
        PushedImage image = source.pushOciImage(repository, "1.0", 1, 1_000);
        ReferrerFixtures artifacts = new ReferrerFixtures(source, sourceRegistry.hostPort());
        ReferrerFixtures.Pushed subject = ReferrerFixtures.subject(image, source.manifestBytes(repository, "1.0"));
        ReferrerFixtures.Pushed sbom = artifacts.pushSbom(repository, subject);
        ReferrerFixtures.Pushed bundle = artifacts.pushSigstoreBundle(repository, subject);
        artifacts.pushTagSchemaIndex(repository, image.digest(), List.of(sbom, bundle));

        Run run = run(
                "promote",
                image.reference(),
                otherRegistry.reference(repository + ":1.0"),
                "--referrers",
                ReferrerFixtures.SPDX,
                "--json");

        assertThat(run.exitCode).as(run.stderr).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(run.stdout, Map.class);
        assertThat(json.get("referrers"))
                .isEqualTo(List.of(Map.of(
                        "digest",
                        sbom.digest().toString(),
                        "artifactType",
                        ReferrerFixtures.SPDX,
                        "mediaType",
                        ImageFixtures.OCI_MANIFEST,
                        "how",
                        "tag-schema")));
    }

    @Test
    void promote_withAnInvalidReferrersValue_namesTheOption() {
        Run run = run(
                "promote",
                sourceRegistry.reference(repository + ":1.0"),
                otherRegistry.reference(repository + ":1.0"),
                "--referrers",
                "all,signatures");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.stderr.lines()).hasSize(1);
        assertThat(run.stderr).contains("--referrers");
    }

    @Test
    void promote_whenCredentialsAreMalformed_namesTheOptionWithoutTheValue() {
        Run run = run(
                "promote",
                sourceRegistry.reference(repository + ":1.0"),
                sourceRegistry.reference("prod/" + repository + ":1.0"),
                "--dest-creds",
                "no-colon-secret");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.stderr).contains("--dest-creds").doesNotContain("no-colon-secret");
    }

    @Test
    void promote_withCredentialsFromTheEnvironmentAndCaFile_copiesToTlsRegistry() throws Exception {
        PushedImage image = source.pushDockerImage(repository, "2.0", 1, 1_000);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DeliveryCommand.class.getName(),
                "promote",
                image.reference(),
                secureRegistry.reference(repository + ":2.0"),
                "--ca-file",
                secureRegistry.certificate().toString(),
                "--json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(PromoteCommand.DESTINATION_CREDENTIALS_VARIABLE, "AWS:ecr-token:with:colons");

        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stdout).contains("\"digest\":\"" + image.digest() + "\"");
        assertThat(secure.tagDigest(repository, "2.0")).contains(image.digest());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = DeliveryCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String stdout, String stderr) {}
}
