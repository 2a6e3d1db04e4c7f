package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.StsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.docker.DockerDaemon;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PrivateCa;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.Skopeo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delivery push} as scripts use it. The pushing tests run the CLI as its own process, so that AWS keys come
 * from environment variables through the default credential chain and docker finds the test daemon through
 * {@code DOCKER_HOST}, exactly as on a build agent.
 */
class PushCommandTest {
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYCLIKEY";

    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry securedRegistry = new LocalRegistry().withBasicAuth("ci", "pass:word");

    @TempDir
    Path context;

    private AwsEmulator aws;
    private StsEmulator sts;
    private EcrEmulator ecr;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(context.resolve("hello.txt"), "hello " + UUID.randomUUID() + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        aws = AwsEmulator.start();
        sts = StsEmulator.on(aws);
        ecr = EcrEmulator.on(aws, registry.url(), sts);
    }

    @AfterEach
    void stop() {
        ecr.close();
        aws.close();
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    /** Runs {@code delivery ARGS} as a separate JVM with the test daemon's and the given extra environment. */
    private Run runProcess(Map<String, String> environment, String... args) throws Exception {
        Map<String, String> all = new HashMap<>(DockerDaemon.shared().environment());
        all.putAll(environment);
        CliProcess.Run run = CliProcess.run(context.getParent(), all, args);
        return new Run(run.exitCode(), run.stdout(), run.stderr());
    }

    private Run runInProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DeliveryCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void push_toEcrThroughEndpointUrl_printsTheContractJsonWithTheDigestTheRegistryHolds() throws Exception {
        Run run = runProcess(
                Map.of(
                        "AWS_ACCESS_KEY_ID", "AKIACLITEST",
                        "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                        "AWS_REGION", "eu-west-1"),
                "push",
                "--context",
                context.toString(),
                "--tag",
                "1.0",
                "--tag",
                "latest",
                "--ecr-repository",
                "team/cli",
                "--create-repository",
                "--endpoint-url",
                aws.endpoint().toString(),
                "--json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(run.stdout(), Map.class);
        assertThat(json.keySet()).containsExactly("registry", "repository", "tags", "digest", "imageUri");
        String digest = Skopeo.digest(registry.hostPort() + "/team/cli:1.0");
        assertThat(json)
                .containsEntry("registry", ecr.registryHost())
                .containsEntry("repository", "team/cli")
                .containsEntry("tags", List.of("1.0", "latest"))
                .containsEntry("digest", digest)
                .containsEntry("imageUri", ecr.registryHost() + "/team/cli@" + digest);
        assertThat(aws.calls())
                .allSatisfy(call -> assertThat(call.accessKeyId()).isEqualTo("AKIACLITEST"));
        assertThat(ecr.repository("team/cli")).isPresent();
        assertThat(run.stderr()).doesNotContain(SECRET_KEY);
    }

    @Test
    void push_toAnyRegistryWithCredsFromTheEnvironment_printsTheImageByDigest() throws Exception {
        Run run = runProcess(
                Map.of("DELIVERY_CREDS", "ci:pass:word"),
                "push",
                "--context",
                context.toString(),
                "--tag",
                "7",
                "--repository",
                securedRegistry.hostPort() + "/team/plain");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String digest = Skopeo.digest(securedRegistry.hostPort() + "/team/plain:7", "--creds", "ci:pass:word");
        assertThat(run.stdout().strip()).isEqualTo(securedRegistry.hostPort() + "/team/plain@" + digest);
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void push_withCaFile_toARegistryWithACertificateOfAPrivateCa_printsTheDigestSkopeoReads(@TempDir Path caDirectory)
            throws Exception {
        PrivateCa ca = PrivateCa.create(caDirectory);
        try (LocalRegistry tlsRegistry = new LocalRegistry()
                .withBasicAuth("ci", "pass:word")
                .withTls(ca.serverCertificate(), ca.serverKey(), ca.certificate())
                .start()) {
            Run run = runProcess(
                    Map.of("DELIVERY_CREDS", "ci:pass:word"),
                    "push",
                    "--context",
                    context.toString(),
                    "--tag",
                    "1.0",
                    "--repository",
                    tlsRegistry.hostPort() + "/team/tls",
                    "--ca-file",
                    ca.certificate().toString(),
                    "--json");

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            String skopeoDigest = Skopeo.digestVerifiedWith(
                    ca.certDir(), tlsRegistry.hostPort() + "/team/tls:1.0", "--creds", "ci:pass:word");
            assertThat(new ObjectMapper().readTree(run.stdout()).path("digest").asText())
                    .isEqualTo(skopeoDigest);
        }
    }

    @Test
    void push_withARelativeContextStartingWithADash_buildsThatDirectory() throws Exception {
        Path dashed = Files.createDirectories(context.resolve("-app"));
        Files.writeString(dashed.resolve("hello.txt"), "dashed " + UUID.randomUUID() + "\n");
        Files.writeString(dashed.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        Map<String, String> environment = new HashMap<>(DockerDaemon.shared().environment());

        CliProcess.Run run = CliProcess.runIn(
                context,
                context.getParent(),
                List.of(),
                environment,
                "push",
                "--context=-app",
                "--dockerfile=-app/Dockerfile",
                "--tag",
                "1",
                "--repository",
                registry.hostPort() + "/team/dashed");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String digest = Skopeo.digest(registry.hostPort() + "/team/dashed:1");
        assertThat(run.stdout().strip()).isEqualTo(registry.hostPort() + "/team/dashed@" + digest);
        assertThat(Skopeo.inspect(registry.hostPort() + "/team/dashed:1")).contains("\"Layers\"");
    }

    @Test
    void push_whenTheEcrRepositoryIsMissingWithoutCreateRepository_exitsNonZeroWithOneLineNamingTheOption() {
        System.setProperty("aws.accessKeyId", "AKIACLITEST");
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        Run run;
        try {
            run = runInProcess(
                    "push",
                    "--context",
                    context.toString(),
                    "--tag",
                    "1",
                    "--ecr-repository",
                    "team/absent",
                    "--region",
                    "eu-west-1",
                    "--endpoint-url",
                    aws.endpoint().toString());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("'team/absent'").contains("--create-repository");
    }

    @Test
    void push_anEcrRepositoryNameWithACapital_namesTheOptionTyped() {
        Run run = runInProcess(
                "push",
                "--context",
                context.toString(),
                "--tag",
                "1",
                "--ecr-repository",
                "Team/app",
                "--region",
                "eu-west-1");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr())
                .startsWith("delivery push: --ecr-repository: \"Team/app\" is not an ECR repository name");
    }

    @Test
    void push_withBothRepositoryKinds_isAUsageError() {
        Run run = runInProcess(
                "push",
                "--context",
                context.toString(),
                "--tag",
                "1",
                "--ecr-repository",
                "team/app",
                "--repository",
                "127.0.0.1:5000/team/app");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("mutually exclusive");
    }

    @Test
    void push_withRoleArnButAPlainRepository_saysAwsOptionsNeedEcrRepository() {
        Run run = runInProcess(
                "push",
                "--context",
                context.toString(),
                "--tag",
                "1",
                "--repository",
                "127.0.0.1:5000/team/app",
                "--role-arn",
                "arn:aws:iam::123456789012:role/pusher");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("--ecr-repository");
    }

    @Test
    void push_withAnInvalidEndpointUrl_namesTheOption() {
        Run run = runInProcess(
                "push",
                "--context",
                context.toString(),
                "--tag",
                "1",
                "--ecr-repository",
                "team/app",
                "--region",
                "eu-west-1",
                "--endpoint-url",
                "not a url");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).startsWith("delivery push: --endpoint-url: ");
    }
}
