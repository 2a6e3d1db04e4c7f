package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Our EKS tokens against the reference: Debian's aws CLI ({@code /usr/bin/aws eks get-token}, botocore's query-string
 * signer), both checked by {@link EksTokenVerifier}, which is written from the SigV4 specification and
 * aws-iam-authenticator's server-side checks.
 */
class EksTokenReferenceTest {
    static final Path AWS_CLI = Path.of("/usr/bin/aws");
    static final String CLUSTER = "shop-test";

    @TempDir
    Path emptyHome;

    static Stream<Arguments> credentialsAndRegions() {
        return Stream.of(
                Arguments.of("static keys", AwsBasicCredentials.create("AKIAREFERENCE", "secret/key+1"), "eu-west-1"),
                Arguments.of(
                        "session credentials",
                        AwsSessionCredentials.create("ASIAREFERENCE", "secret/key+1", "session/token+with=chars=="),
                        "us-east-2"),
                Arguments.of(
                        "aws-cn partition",
                        AwsSessionCredentials.create("ASIAREFERENCE", "secret/key+1", "cn-session/token=="),
                        "cn-north-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialsAndRegions")
    void referenceTokenAndOurs_bothVerify_forTheSameCredentials(
            String description, AwsCredentials credentials, String region) throws Exception {
        String reference = awsEksGetToken(credentials, CLUSTER, region);
        String ours = ourToken(credentials, CLUSTER, region);
        EksTokenVerifier verifier = EksTokenVerifier.of(credentials, CLUSTER);

        assertThat(verifier.problems(reference, signedAt(reference))).isEmpty();
        assertThat(verifier.problems(ours, signedAt(ours))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialsAndRegions")
    void ourCanonicalRequest_hasTheReferencesParameterNamesSignedHeadersAndPayloadHash(
            String description, AwsCredentials credentials, String region) throws Exception {
        String reference = awsEksGetToken(credentials, CLUSTER, region);
        String ours = ourToken(credentials, CLUSTER, region);
        EksTokenVerifier verifier = EksTokenVerifier.of(credentials, CLUSTER);
        EksTokenVerifier.PresignedUrl referenceUrl = EksTokenVerifier.decode(reference);
        EksTokenVerifier.PresignedUrl ourUrl = EksTokenVerifier.decode(ours);

        assertThat(verifier.signedPayloadHash(reference)).contains(EksTokenVerifier.EMPTY_PAYLOAD_SHA256);
        assertThat(verifier.signedPayloadHash(ours)).isEqualTo(verifier.signedPayloadHash(reference));
        assertThat(ourUrl.parameterNames()).isEqualTo(referenceUrl.parameterNames());
        assertThat(ourUrl.signedHeaders()).isEqualTo(referenceUrl.signedHeaders());
        assertThat(ourUrl.url().getAuthority()).isEqualTo(referenceUrl.url().getAuthority());
        assertThat(ourUrl.query())
                .containsEntry("Action", referenceUrl.query().get("Action"))
                .containsEntry("Version", referenceUrl.query().get("Version"))
                .containsEntry("X-Amz-Expires", referenceUrl.query().get("X-Amz-Expires"));
        assertThat(withoutQuery(verifier.canonicalRequest(ourUrl, EksTokenVerifier.EMPTY_PAYLOAD_SHA256)))
                .as("canonical request without its query line, which holds the signing time and the signature's scope")
                .isEqualTo(
                        withoutQuery(verifier.canonicalRequest(referenceUrl, EksTokenVerifier.EMPTY_PAYLOAD_SHA256)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialsAndRegions")
    void tokensSignedWithAnotherSecret_doNotVerify(String description, AwsCredentials credentials, String region)
            throws Exception {
        AwsCredentials otherSecret = withSecret(credentials, "another/secret");
        String reference = awsEksGetToken(otherSecret, CLUSTER, region);
        String ours = ourToken(otherSecret, CLUSTER, region);
        EksTokenVerifier verifier = EksTokenVerifier.of(credentials, CLUSTER);

        assertOnlyProblem(verifier.problems(reference, signedAt(reference)), "signature does not match");
        assertOnlyProblem(verifier.problems(ours, signedAt(ours)), "signature does not match");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialsAndRegions")
    void tokensForAnotherCluster_doNotVerify(String description, AwsCredentials credentials, String region)
            throws Exception {
        String reference = awsEksGetToken(credentials, "other-cluster", region);
        String ours = ourToken(credentials, "other-cluster", region);
        EksTokenVerifier verifier = EksTokenVerifier.of(credentials, CLUSTER);

        assertOnlyProblem(verifier.problems(reference, signedAt(reference)), "signature does not match");
        assertOnlyProblem(verifier.problems(ours, signedAt(ours)), "signature does not match");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialsAndRegions")
    void tokens_doNotVerifyFifteenMinutesAfterSigning(String description, AwsCredentials credentials, String region)
            throws Exception {
        String reference = awsEksGetToken(credentials, CLUSTER, region);
        String ours = ourToken(credentials, CLUSTER, region);
        EksTokenVerifier verifier = EksTokenVerifier.of(credentials, CLUSTER);
        Duration justOverFifteenMinutes = Duration.ofMinutes(15).plusSeconds(1);

        assertThat(verifier.problems(reference, signedAt(reference).plus(Duration.ofMinutes(15))))
                .isEmpty();
        assertOnlyProblem(verifier.problems(reference, signedAt(reference).plus(justOverFifteenMinutes)), "expired");
        assertThat(verifier.problems(ours, signedAt(ours).plus(Duration.ofMinutes(15))))
                .isEmpty();
        assertOnlyProblem(verifier.problems(ours, signedAt(ours).plus(justOverFifteenMinutes)), "expired");
    }

    private static void assertOnlyProblem(List<String> problems, String start) {
        assertThat(problems).singleElement().asString().startsWith(start);
    }

    /** The reference tool takes about 1.5 s a call; its tokens are verified at their own signing time, so reuse is safe. */
    private static final Map<List<String>, String> REFERENCE_TOKENS = new ConcurrentHashMap<>();

    private String awsEksGetToken(AwsCredentials credentials, String cluster, String region) {
        List<String> key = List.of(
                credentials.accessKeyId(),
                credentials.secretAccessKey(),
                credentials instanceof AwsSessionCredentials session ? session.sessionToken() : "",
                cluster,
                region);
        return REFERENCE_TOKENS.computeIfAbsent(key, k -> {
            try {
                return runAwsEksGetToken(credentials, cluster, region);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private String runAwsEksGetToken(AwsCredentials credentials, String cluster, String region)
            throws IOException, InterruptedException {
        assertThat(AWS_CLI)
                .as("Debian's awscli package (bin/test installs it) is needed as the reference")
                .isExecutable();
        ProcessBuilder builder = new ProcessBuilder(
                AWS_CLI.toString(), "eks", "get-token", "--cluster-name", cluster, "--region", region);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("HOME", emptyHome.toString());
        environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials instanceof AwsSessionCredentials session) {
            environment.put("AWS_SESSION_TOKEN", session.sessionToken());
        }
        environment.put("AWS_CONFIG_FILE", emptyHome.resolve("no-such-config").toString());
        environment.put(
                "AWS_SHARED_CREDENTIALS_FILE",
                emptyHome.resolve("no-such-credentials").toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return new ObjectMapper().readTree(text).get("status").get("token").asText();
    }

    private static String ourToken(AwsCredentials credentials, String cluster, String region) {
        return new EksTokenGenerator(
                        StaticCredentialsProvider.create(credentials), Region.of(region), Clock.systemUTC())
                .token(cluster)
                .value();
    }

    private static Instant signedAt(String token) {
        return EksTokenVerifier.decode(token).signedAt();
    }

    private static AwsCredentials withSecret(AwsCredentials credentials, String secret) {
        return credentials instanceof AwsSessionCredentials session
                ? AwsSessionCredentials.create(session.accessKeyId(), secret, session.sessionToken())
                : AwsBasicCredentials.create(credentials.accessKeyId(), secret);
    }

    /** Method, path, canonical headers, signed headers and payload hash: the canonical request but its query. */
    private static List<String> withoutQuery(String canonicalRequest) {
        List<String> lines = new ArrayList<>(List.of(canonicalRequest.split("\n", -1)));
        lines.remove(2);
        return lines;
    }
}
