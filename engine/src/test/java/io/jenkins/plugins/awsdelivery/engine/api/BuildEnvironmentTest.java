package io.jenkins.plugins.awsdelivery.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent JVM serves many builds: each operation authenticates with the credentials of its own build's environment
 * map (as {@code withCredentials} or {@code withAWS} set them), never with another build's, and never with the JVM's.
 */
class BuildEnvironmentTest {
    @TempDir
    Path workspace;

    AwsEmulator aws;

    @BeforeEach
    void startEmulator() throws Exception {
        aws = AwsEmulator.start();
        EksEmulator.register(aws).cluster("shared", "https://127.0.0.1:1", null);
    }

    @AfterEach
    void stopEmulator() {
        aws.close();
    }

    @Test
    void twoBuildsAtOnce_eachAuthenticatesAsItsOwnIdentity() throws Exception {
        Map<String, String> buildA =
                Map.of("AWS_ACCESS_KEY_ID", "AKIABUILDAAAAAAAAAAA", "AWS_SECRET_ACCESS_KEY", "secret-of-build-a");
        Map<String, String> buildB = Map.of(
                "AWS_ACCESS_KEY_ID", "AKIABUILDBBBBBBBBBBB",
                "AWS_SECRET_ACCESS_KEY", "secret-of-build-b",
                "AWS_SESSION_TOKEN", "session-of-build-b");
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService builds = Executors.newFixedThreadPool(2);
        try {
            Future<KubeconfigResult> a = builds.submit(kubeconfigFor("a", buildA, together));
            Future<KubeconfigResult> b = builds.submit(kubeconfigFor("b", buildB, together));

            String tokenA = Files.readString(Path.of(a.get().tokenFile()));
            String tokenB = Files.readString(Path.of(b.get().tokenFile()));

            assertThat(presignedUrl(tokenA))
                    .contains("X-Amz-Credential=AKIABUILDAAAAAAAAAAA/")
                    .doesNotContain("X-Amz-Security-Token");
            assertThat(presignedUrl(tokenB))
                    .contains("X-Amz-Credential=AKIABUILDBBBBBBBBBBB/")
                    .contains("X-Amz-Security-Token=session-of-build-b");
            assertThat(aws.calls())
                    .extracting(AwsEmulator.RecordedCall::accessKeyId)
                    .containsExactlyInAnyOrder("AKIABUILDAAAAAAAAAAA", "AKIABUILDBBBBBBBBBBB");
        } finally {
            builds.shutdownNow();
        }
    }

    @Test
    void sharedProfile_comesFromTheBuildsHomeAndProfileName() throws Exception {
        Path home = Files.createDirectories(workspace.resolve("home"));
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(
                home.resolve(".aws/credentials"),
                "[default]\naws_access_key_id = AKIADEFAULTPROFILE00\naws_secret_access_key = d\n"
                        + "[release]\naws_access_key_id = AKIARELEASEPROFILE00\naws_secret_access_key = r\n");

        kubeconfigFor("profile", Map.of("HOME", home.toString(), "AWS_PROFILE", "release"), null)
                .call();

        assertThat(aws.calls())
                .extracting(AwsEmulator.RecordedCall::accessKeyId)
                .containsExactly("AKIARELEASEPROFILE00");
    }

    @Test
    void halfAKeyPairInTheEnvironment_isRefusedNamingTheMissingVariable() {
        assertThatThrownBy(() -> kubeconfigFor("half", Map.of("AWS_ACCESS_KEY_ID", "AKIAONLYHALF00000000"), null)
                        .call())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("AWS_SECRET_ACCESS_KEY: ");
    }

    @Test
    void aProfileTheBuildNamesButThatDoesNotExist_isRefusedNamingIt() {
        assertThatThrownBy(() -> kubeconfigFor(
                                "missing", Map.of("HOME", workspace.toString(), "AWS_PROFILE", "nosuch"), null)
                        .call())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("AWS_PROFILE")
                .hasMessageContaining("nosuch");
    }

    @Test
    void endpointInTheBuildsEnvironment_receivesTheAwsCalls_whenTheSettingsNameNone() throws Exception {
        // AWS_ENDPOINT_URL is the variable the aws CLI (2.13+) and the SDKs read for an endpoint override.
        Map<String, String> build = Map.of(
                "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "AKIAENDPOINTFROMENV0",
                "AWS_SECRET_ACCESS_KEY", "secret");

        kubeconfigWith(build, AwsSettings.builder().region("eu-west-1").build());

        assertThat(aws.calls())
                .extracting(AwsEmulator.RecordedCall::accessKeyId)
                .containsExactly("AKIAENDPOINTFROMENV0");
    }

    @Test
    void endpointOfTheSettings_winsOverTheBuildsEnvironment() throws Exception {
        Map<String, String> build = Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ACCESS_KEY_ID", "AKIAENDPOINTSETTINGS",
                "AWS_SECRET_ACCESS_KEY", "secret");

        kubeconfigWith(
                build,
                AwsSettings.builder()
                        .region("eu-west-1")
                        .endpointUrl(aws.endpoint().toString())
                        .build());

        assertThat(aws.calls())
                .extracting(AwsEmulator.RecordedCall::accessKeyId)
                .containsExactly("AKIAENDPOINTSETTINGS");
    }

    @Test
    void endpointInTheBuildsEnvironmentThatIsNoUrl_isRefusedNamingTheVariable() {
        Map<String, String> build = Map.of(
                "AWS_ENDPOINT_URL", "localstack:4566",
                "AWS_ACCESS_KEY_ID", "AKIAENDPOINTNOURL000",
                "AWS_SECRET_ACCESS_KEY", "secret");

        assertThatThrownBy(() -> kubeconfigWith(
                        build, AwsSettings.builder().region("eu-west-1").build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("AWS_ENDPOINT_URL: ")
                .hasMessageContaining("localstack:4566");
        assertThat(aws.calls()).isEmpty();
    }

    private KubeconfigResult kubeconfigWith(Map<String, String> environment, AwsSettings settings) throws Exception {
        return kubeconfigIn("endpoint", environment, settings);
    }

    private KubeconfigResult kubeconfigIn(String build, Map<String, String> environment, AwsSettings settings)
            throws Exception {
        DeliveryContext context = DeliveryContext.builder()
                .environment(environment)
                .workingDirectory(Files.createDirectories(workspace.resolve(build)))
                .build();
        return Delivery.writeKubeconfig(
                context,
                KubeconfigRequest.builder()
                        .cluster("shared")
                        .directory("tmp")
                        .aws(settings)
                        .build());
    }

    private Callable<KubeconfigResult> kubeconfigFor(
            String build, Map<String, String> environment, CyclicBarrier together) {
        return () -> {
            if (together != null) {
                together.await();
            }
            return kubeconfigIn(
                    build,
                    environment,
                    AwsSettings.builder()
                            .region("eu-west-1")
                            .endpointUrl(aws.endpoint().toString())
                            .build());
        };
    }

    /** The presigned STS URL inside an EKS token ({@code k8s-aws-v1.} + base64url), query parameters decoded. */
    static String presignedUrl(String token) {
        String url = new String(
                Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8);
        return String.join(
                "&",
                List.of(url.split("&")).stream()
                        .map(part -> URLDecoder.decode(part, StandardCharsets.UTF_8))
                        .toList());
    }
}
