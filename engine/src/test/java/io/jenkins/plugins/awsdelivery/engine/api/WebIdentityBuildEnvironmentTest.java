package io.jenkins.plugins.awsdelivery.engine.api;

import static io.jenkins.plugins.awsdelivery.engine.api.BuildEnvironmentTest.presignedUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksTokenVerifier;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.RecordingEventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.StsEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EKS IRSA: a build whose environment names a web identity token file and a role ({@code AWS_WEB_IDENTITY_TOKEN_FILE},
 * {@code AWS_ROLE_ARN}, {@code AWS_ROLE_SESSION_NAME}, as the EKS pod identity webhook sets them) authenticates as that
 * role through STS {@code AssumeRoleWithWebIdentity}, with the real AWS SDK against the STS emulator.
 */
class WebIdentityBuildEnvironmentTest {
    private static final String ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

    @TempDir
    Path workspace;

    AwsEmulator aws;
    StsEmulator sts;

    @BeforeEach
    void startEmulator() throws Exception {
        aws = AwsEmulator.start();
        sts = StsEmulator.on(aws);
        EksEmulator.register(aws).cluster("shared", "https://127.0.0.1:1", null);
    }

    @AfterEach
    void stopEmulator() {
        aws.close();
    }

    @Test
    void webIdentityEnvironment_assumesTheRoleWithTheFilesToken_andSignsTheServiceCallWithTheSession()
            throws Exception {
        String token = StsEmulator.jwt(ISSUER, "system:serviceaccount:ci:jenkins-agent", "sts.amazonaws.com");
        Map<String, String> build =
                irsa(tokenFile("a", token), "arn:aws:iam::123456789012:role/jenkins-agent", "build-42");

        KubeconfigResult result = kubeconfig("a", build, new RecordingEventSink());

        assertThat(sts.webIdentityCalls())
                .containsExactly(new StsEmulator.WebIdentityCall(
                        "arn:aws:iam::123456789012:role/jenkins-agent", "build-42", token, 3600));
        StsEmulator.Session session = sts.sessions().get(0);
        assertThat(aws.calls())
                .extracting(AwsEmulator.RecordedCall::operation, AwsEmulator.RecordedCall::accessKeyId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("AssumeRoleWithWebIdentity", null),
                        org.assertj.core.groups.Tuple.tuple("GET /clusters/shared", session.accessKeyId()));
        assertThat(sts.callerArn(session.accessKeyId()))
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/jenkins-agent/build-42");
        assertThat(presignedUrl(Files.readString(Path.of(result.tokenFile()))))
                .contains("X-Amz-Credential=" + session.accessKeyId() + "/")
                .contains("X-Amz-Security-Token=" + session.sessionToken());
    }

    @Test
    void twoBuildsAtOnce_withTheirOwnTokenFilesAndRoles_eachAuthenticatesAsItsOwnRole() throws Exception {
        String tokenA = StsEmulator.jwt(ISSUER, "system:serviceaccount:team-a:agent", "sts.amazonaws.com");
        String tokenB = StsEmulator.jwt(ISSUER, "system:serviceaccount:team-b:agent", "sts.amazonaws.com");
        Map<String, String> buildA = irsa(tokenFile("a", tokenA), "arn:aws:iam::123456789012:role/team-a", "build-a");
        Map<String, String> buildB = irsa(tokenFile("b", tokenB), "arn:aws:iam::123456789012:role/team-b", "build-b");
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService builds = Executors.newFixedThreadPool(2);
        try {
            Future<KubeconfigResult> a = builds.submit(() -> {
                together.await();
                return kubeconfig("a", buildA, new RecordingEventSink());
            });
            Future<KubeconfigResult> b = builds.submit(() -> {
                together.await();
                return kubeconfig("b", buildB, new RecordingEventSink());
            });

            String signerA = credentialOf(a.get());
            String signerB = credentialOf(b.get());

            assertThat(sts.webIdentityCalls())
                    .extracting(StsEmulator.WebIdentityCall::webIdentityToken, StsEmulator.WebIdentityCall::roleArn)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(tokenA, "arn:aws:iam::123456789012:role/team-a"),
                            org.assertj.core.groups.Tuple.tuple(tokenB, "arn:aws:iam::123456789012:role/team-b"));
            assertThat(sts.callerArn(signerA)).isEqualTo("arn:aws:sts::123456789012:assumed-role/team-a/build-a");
            assertThat(sts.callerArn(signerB)).isEqualTo("arn:aws:sts::123456789012:assumed-role/team-b/build-b");
        } finally {
            builds.shutdownNow();
        }
    }

    @Test
    void webIdentityTokenFileThatDoesNotExist_isRefusedNamingTheVariable() {
        Path missing = workspace.resolve("no-such-token");
        Map<String, String> build = irsa(missing, "arn:aws:iam::123456789012:role/jenkins-agent", "build-42");

        Throwable thrown = catchThrowable(() -> kubeconfig("missing", build, new RecordingEventSink()));

        assertThat(thrown)
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("AWS_WEB_IDENTITY_TOKEN_FILE: ")
                .hasMessageContaining(missing.toString());
        assertThat(sts.webIdentityCalls()).isEmpty();
    }

    @Test
    void webIdentityTokenFileWithoutARole_isRefusedNamingTheMissingVariable() throws Exception {
        Path token =
                Files.writeString(workspace.resolve("token"), StsEmulator.jwt("https://oidc.example", "sub", "sts"));
        Map<String, String> build = new HashMap<>(irsa(token, "arn:aws:iam::123456789012:role/jenkins-agent", "b"));
        build.remove("AWS_ROLE_ARN");

        Throwable thrown = catchThrowable(() -> kubeconfig("no-role", build, new RecordingEventSink()));

        assertThat(thrown).isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("AWS_ROLE_ARN: ");
        assertThat(sts.webIdentityCalls()).isEmpty();
    }

    @Test
    void webIdentityToken_neverAppearsInAnErrorMessageAnEventOrAFileOfTheBuild() throws Exception {
        String token = StsEmulator.jwt(ISSUER, "system:serviceaccount:ci:jenkins-agent", "sts.amazonaws.com");
        // STS refuses this role (an IAM user is no role): the operation fails after the token was sent.
        Map<String, String> build =
                irsa(tokenFile("refused", token), "arn:aws:iam::123456789012:user/jenkins-agent", "build-42");
        RecordingEventSink events = new RecordingEventSink();

        Throwable thrown = catchThrowable(() -> kubeconfig("refused", build, events));

        assertThat(sts.webIdentityCalls())
                .extracting(StsEmulator.WebIdentityCall::webIdentityToken)
                .containsExactly(token);
        assertThat(thrown).isNotNull();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            assertThat(cause.getMessage()).doesNotContain(token);
            assertThat(cause.toString()).doesNotContain(token);
            for (Throwable suppressed : cause.getSuppressed()) {
                assertThat(String.valueOf(suppressed)).doesNotContain(token);
            }
        }
        assertThat(events.text()).doesNotContain(token);
        try (Stream<Path> files = Files.walk(workspace.resolve("refused"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(token);
            }
        }
    }

    private Path tokenFile(String build, String token) throws Exception {
        Path directory = Files.createDirectories(workspace.resolve("tokens-" + build));
        return Files.writeString(directory.resolve("token"), token);
    }

    /** An environment with only what EKS IRSA sets, a region, and the emulator as the endpoint. */
    private Map<String, String> irsa(Path tokenFile, String roleArn, String sessionName) {
        return Map.of(
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                tokenFile.toString(),
                "AWS_ROLE_ARN",
                roleArn,
                "AWS_ROLE_SESSION_NAME",
                sessionName,
                "AWS_REGION",
                "eu-west-1",
                "AWS_ENDPOINT_URL",
                aws.endpoint().toString());
    }

    private KubeconfigResult kubeconfig(String build, Map<String, String> environment, RecordingEventSink events)
            throws Exception {
        DeliveryContext context = DeliveryContext.builder()
                .environment(environment)
                .events(events)
                .workingDirectory(Files.createDirectories(workspace.resolve(build)))
                .build();
        return Delivery.writeKubeconfig(
                context,
                KubeconfigRequest.builder().cluster("shared").directory("tmp").build());
    }

    /** The access key id the EKS token of {@code result} was presigned with (decoding refuses a repeated one). */
    private static String credentialOf(KubeconfigResult result) throws Exception {
        String credential = EksTokenVerifier.decode(Files.readString(Path.of(result.tokenFile())))
                .query()
                .get("X-Amz-Credential");
        assertThat(credential).isNotNull();
        return credential.substring(0, credential.indexOf('/'));
    }
}
