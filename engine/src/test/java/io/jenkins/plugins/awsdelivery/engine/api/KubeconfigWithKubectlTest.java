package io.jenkins.plugins.awsdelivery.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.TokenRecordingApiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubeconfig that {@code withEksKubeConfig} writes, used by the real client: Debian's kubectl (client-go) reads
 * it, sends the token from its token file, and after a renewal sends the renewed token.
 */
class KubeconfigWithKubectlTest {
    static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    @TempDir
    Path workspace;

    @Test
    void kubectl_sendsTheWrittenToken_andAfterRenewalTheRenewedOne() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start();
                TokenRecordingApiServer api = TokenRecordingApiServer.start(Files.createTempDirectory("api"))) {
            EksEmulator.register(aws).cluster("shop-test", api.url(), api.certificateAuthorityData());
            KubeconfigRequest request = KubeconfigRequest.builder()
                    .cluster("shop-test")
                    .directory("ws@tmp")
                    .aws(AwsSettings.builder()
                            .region("eu-west-1")
                            .credentials("AKIAKUBECTLTEST", Secret.of("secret-for-kubectl"), null)
                            .endpointUrl(aws.endpoint().toString())
                            .build())
                    .build();
            DeliveryContext first = context(Instant.parse("2026-12-01T10:00:00Z"));
            KubeconfigResult written = Delivery.writeKubeconfig(first, request);

            String firstToken = Files.readString(Path.of(written.tokenFile()));
            kubectlVersion(written);
            List<String> firstRun = api.bearerTokens();
            KubeconfigResult renewed =
                    Delivery.renewKubeconfigToken(context(Instant.parse("2026-12-01T10:14:00Z")), request, written);
            String renewedToken = Files.readString(Path.of(renewed.tokenFile()));
            kubectlVersion(written);
            List<String> secondRun = api.bearerTokens()
                    .subList(firstRun.size(), api.bearerTokens().size());

            assertThat(firstToken).startsWith("k8s-aws-v1.").isNotEqualTo(renewedToken);
            assertThat(firstRun).isNotEmpty().containsOnly(firstToken);
            assertThat(secondRun).isNotEmpty().containsOnly(renewedToken);
            assertThat(written.expiresAt()).isEqualTo("2026-12-01T10:14:00Z");
            assertThat(renewed.expiresAt()).isEqualTo("2026-12-01T10:28:00Z");
            assertThat(Path.of(written.kubeconfig())).startsWith(workspace.resolve("ws@tmp"));
        }
    }

    private DeliveryContext context(Instant now) {
        return DeliveryContext.builder()
                .workingDirectory(workspace)
                .environment(Map.of("PATH", "/usr/bin:/bin"))
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
    }

    /** Runs {@code kubectl get --raw /version} with the kubeconfig, as a user's {@code sh 'kubectl ...'} would. */
    private static void kubectlVersion(KubeconfigResult kubeconfig) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(KUBECTL.toString(), "get", "--raw", "/version"))
                .redirectErrorStream(true)
                .directory(Path.of(kubeconfig.directory()).toFile());
        builder.environment().clear();
        builder.environment().put("KUBECONFIG", kubeconfig.kubeconfig());
        builder.environment()
                .put("HOME", Files.createTempDirectory("kubectl-home").toString());
        builder.environment().put("PATH", "/usr/bin:/bin");
        Process kubectl = builder.start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(output).isZero();
        assertThat(output).contains("v1.31.0-eks");
    }
}
