package io.jenkins.plugins.awsdelivery.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.StsEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class AwsConnectionTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ROLE = "arn:aws:iam::123456789012:role/deployer";

    @TempDir
    Path temp;

    private AwsEmulator emulator;
    private StsEmulator sts;

    @BeforeEach
    void startEmulator() throws Exception {
        emulator = AwsEmulator.start();
        sts = StsEmulator.on(emulator);
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    private AwsConnection.Builder connection() {
        return AwsConnection.builder()
                .environment(Map.of("AWS_CONFIG_FILE", temp.resolve("absent").toString()))
                .region("eu-west-1")
                .endpointOverride(emulator.endpoint());
    }

    /** A signed call that the emulator accepts only with valid credentials. */
    private static String callerAccessKey(AwsConnection connection) {
        try (StsClient client = connection.configure(StsClient.builder()).build()) {
            return client.getCallerIdentity().userId();
        }
    }

    @Test
    void region_givenAsParameter_winsOverTheEnvironment() {
        AwsConnection connection = AwsConnection.builder()
                .environment(Map.of("AWS_REGION", "us-east-1"))
                .region("eu-central-1")
                .build();

        assertThat(connection.region()).isEqualTo(Region.EU_CENTRAL_1);
    }

    @Test
    void region_whenNotGiven_comesFromAwsRegionBeforeAwsDefaultRegion() {
        AwsConnection connection = AwsConnection.builder()
                .environment(Map.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "us-east-1"))
                .build();

        assertThat(connection.region()).isEqualTo(Region.US_WEST_2);
    }

    @Test
    void region_whenOnlyAwsDefaultRegionIsSet_usesIt() {
        AwsConnection connection = AwsConnection.builder()
                .environment(Map.of("AWS_DEFAULT_REGION", "ap-southeast-2"))
                .build();

        assertThat(connection.region()).isEqualTo(Region.AP_SOUTHEAST_2);
    }

    @Test
    void region_whenOnlyInTheProfile_comesFromTheActiveProfile() throws Exception {
        Path config = Files.writeString(
                temp.resolve("config"), "[default]\nregion = us-east-1\n[profile ci]\nregion = cn-north-1\n");

        AwsConnection connection = AwsConnection.builder()
                .environment(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "ci"))
                .build();

        assertThat(connection.region()).isEqualTo(Region.CN_NORTH_1);
    }

    @Test
    void region_whenNowhere_failsNamingTheRegionParameter() {
        assertThatThrownBy(() -> AwsConnection.builder()
                        .environment(
                                Map.of("AWS_CONFIG_FILE", temp.resolve("absent").toString()))
                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("region")
                .hasMessageContaining("AWS_REGION")
                .hasMessageContaining("--region");
    }

    @Test
    void staticKeys_signEveryCall() {
        try (AwsConnection connection =
                connection().staticCredentials("AKIASTATIC", SECRET).build()) {
            assertThat(callerAccessKey(connection)).isEqualTo("AKIASTATIC");
        }
        assertThat(emulator.calls()).singleElement().satisfies(call -> {
            assertThat(call.service()).isEqualTo("sts");
            assertThat(call.region()).isEqualTo("eu-west-1");
        });
    }

    @Test
    void defaultChain_withoutStaticKeys_takesTheKeysOfTheCallersEnvironment_notTheJvms() {
        System.setProperty("aws.accessKeyId", "AKIAJVMPROPERTY");
        System.setProperty("aws.secretAccessKey", SECRET);
        try (AwsConnection connection = connection()
                .environment(Map.of(
                        "AWS_ACCESS_KEY_ID",
                        "AKIAFROMBUILDENV",
                        "AWS_SECRET_ACCESS_KEY",
                        SECRET,
                        "AWS_CONFIG_FILE",
                        temp.resolve("absent").toString()))
                .build()) {
            assertThat(callerAccessKey(connection)).isEqualTo("AKIAFROMBUILDENV");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void assumeRole_asksStsForTheRoleWithExternalIdSessionNameAndDuration_andSignsWithTheSession() {
        try (AwsConnection connection = connection()
                .staticCredentials("AKIABASE", SECRET)
                .roleArn(ROLE)
                .externalId("tenant-42")
                .roleSessionName("jenkins-build-7")
                .roleDuration(Duration.ofMinutes(30))
                .build()) {
            String signer = callerAccessKey(connection);

            assertThat(signer).startsWith("ASIAEMULATOR");
        }
        assertThat(sts.assumeRoleCalls())
                .containsExactly(
                        new StsEmulator.AssumeRoleCall(ROLE, "jenkins-build-7", "tenant-42", 1800, "AKIABASE"));
    }

    @Test
    void assumeRole_whenTheSessionExpiresBetweenCalls_isRenewedOnceAndCallsContinue() throws Exception {
        sts.sessionValidity(Duration.ofSeconds(3));
        try (AwsConnection connection = connection()
                .staticCredentials("AKIABASE", SECRET)
                .roleArn(ROLE)
                .refreshBefore(Duration.ofMillis(500))
                .build()) {
            String first = callerAccessKey(connection);
            String again = callerAccessKey(connection);
            Thread.sleep(3200); // the first session is now expired: the emulator would refuse it

            String afterExpiry = callerAccessKey(connection);

            assertThat(again).isEqualTo(first);
            assertThat(afterExpiry).isNotEqualTo(first).startsWith("ASIAEMULATOR");
        }
        assertThat(sts.assumeRoleCalls()).hasSize(2);
    }

    @Test
    void webIdentity_whenTheSessionIsRenewed_readsTheTokenFileAgain() throws Exception {
        // The SDK renews a web identity session one minute before it expires; a 30-second session is stale at once,
        // and the SDK keeps such a session for one second before it asks STS again.
        sts.sessionValidity(Duration.ofSeconds(30));
        String issuer = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE";
        String first = StsEmulator.jwt(issuer, "system:serviceaccount:ci:agent", "sts.amazonaws.com");
        String rotated = StsEmulator.jwt(issuer, "system:serviceaccount:ci:agent", "sts.amazonaws.com");
        Path tokenFile = Files.writeString(temp.resolve("token"), first);
        try (AwsConnection connection = connection()
                .environment(Map.of(
                        "AWS_WEB_IDENTITY_TOKEN_FILE",
                        tokenFile.toString(),
                        "AWS_ROLE_ARN",
                        ROLE,
                        "AWS_ROLE_SESSION_NAME",
                        "build-7"))
                .build()) {
            String before = callerAccessKey(connection);
            Files.writeString(tokenFile, rotated); // the kubelet rotates the projected token in place
            Thread.sleep(1100);

            String after = callerAccessKey(connection);

            assertThat(after).isNotEqualTo(before).startsWith("ASIAEMULATOR");
        }
        assertThat(sts.webIdentityCalls())
                .extracting(StsEmulator.WebIdentityCall::webIdentityToken)
                .containsExactly(first, rotated);
    }

    @Test
    void toString_showsRegionAndRoleButNeverAKeyASecretOrASessionToken() {
        String token = "FQoGZXIvYXdzESESSIONTOKENVALUE";
        AwsConnection connection = connection()
                .staticCredentials("AKIASECRETIDENTITY", SECRET, token)
                .roleArn(ROLE)
                .externalId("tenant-secret-42")
                .build();

        assertThat(connection.toString())
                .contains("eu-west-1", ROLE)
                .doesNotContain("AKIASECRETIDENTITY", SECRET, token, "tenant-secret-42");
    }

    @Test
    void build_withAnInvalidRoleArn_failsNamingRoleArn() {
        assertThatThrownBy(() -> connection().roleArn("deployer").build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("roleArn: ")
                .hasMessageContaining("arn:aws:iam::123456789012:role/");
    }

    @Test
    void build_withASecretKeyButNoAccessKeyId_failsWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> connection().staticCredentials(null, SECRET).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("accessKeyId")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void build_withARoleDurationStsRejects_failsNamingRoleDuration() {
        assertThatThrownBy(() -> connection()
                        .roleArn(ROLE)
                        .roleDuration(Duration.ofMinutes(5))
                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("roleDuration: ");
    }
}
