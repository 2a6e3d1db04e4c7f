package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * {@code AssumeRoleWithWebIdentity} as the AWS SDK calls it (unsigned, the caller has no AWS credentials yet), its
 * answer read by the SDK's own STS model, and its errors as the STS API reference names them.
 */
class StsEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/jenkins-agent";
    private static final String ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    private static final String SUBJECT = "system:serviceaccount:ci:jenkins-agent";

    private AwsEmulator aws;
    private StsEmulator sts;
    private StsClient anonymous;

    @BeforeEach
    void start() throws Exception {
        aws = AwsEmulator.start();
        sts = StsEmulator.on(aws);
        anonymous = StsClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }

    @AfterEach
    void stop() {
        anonymous.close();
        aws.close();
    }

    @Test
    void assumeRoleWithWebIdentity_unsigned_answersEveryResultElementOfTheStsApiReference() {
        String token = StsEmulator.jwt(ISSUER, SUBJECT, "sts.amazonaws.com");

        AssumeRoleWithWebIdentityResponse response = anonymous.assumeRoleWithWebIdentity(
                r -> r.roleArn(ROLE).roleSessionName("build-42").webIdentityToken(token));

        assertThat(response.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(response.credentials().secretAccessKey()).isNotBlank();
        assertThat(response.credentials().sessionToken()).isNotBlank();
        assertThat(response.credentials().expiration()).isAfter(Instant.now());
        assertThat(response.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/jenkins-agent/build-42");
        assertThat(response.assumedRoleUser().assumedRoleId()).endsWith(":build-42");
        assertThat(response.subjectFromWebIdentityToken()).isEqualTo(SUBJECT);
        assertThat(response.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(response.provider()).isEqualTo(ISSUER);
        assertThat(sts.webIdentityCalls())
                .containsExactly(new StsEmulator.WebIdentityCall(ROLE, "build-42", token, 3600));
        assertThat(aws.calls())
                .containsExactly(new AwsEmulator.RecordedCall("sts", "AssumeRoleWithWebIdentity", null, null));
    }

    @Test
    void sessionFromWebIdentity_signsLaterCalls_asTheAssumedRole() {
        var credentials = anonymous
                .assumeRoleWithWebIdentity(r -> r.roleArn(ROLE)
                        .roleSessionName("build-42")
                        .webIdentityToken(StsEmulator.jwt(ISSUER, SUBJECT, "sts.amazonaws.com")))
                .credentials();

        try (StsClient signed = StsClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .build()) {
            assertThat(signed.getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/jenkins-agent/build-42");
        }
    }

    @Test
    void assumeRoleWithWebIdentity_withAnEmptyToken_isInvalidIdentityToken400() {
        assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(
                        r -> r.roleArn(ROLE).roleSessionName("build-42").webIdentityToken("")))
                .isInstanceOfSatisfying(InvalidIdentityTokenException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
                });
    }

    @Test
    void assumeRoleWithWebIdentity_withoutAToken_isInvalidIdentityToken400() {
        assertThatThrownBy(() ->
                        anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(ROLE).roleSessionName("build-42")))
                .isInstanceOfSatisfying(InvalidIdentityTokenException.class, e -> assertThat(e.statusCode())
                        .isEqualTo(400));
    }

    @Test
    void assumeRoleWithWebIdentity_forAnArnThatIsNoIamRole_isValidationError400() {
        String token = StsEmulator.jwt(ISSUER, SUBJECT, "sts.amazonaws.com");

        assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(
                        r -> r.roleArn("arn:aws:iam::123456789012:user/jenkins-agent")
                                .roleSessionName("build-42")
                                .webIdentityToken(token)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.getMessage()).doesNotContain(token);
                });
    }

    @Test
    void otherStsActions_unsigned_areStillRefusedWith403() {
        assertThatThrownBy(anonymous::getCallerIdentity)
                .isInstanceOfSatisfying(
                        StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(aws.calls()).isEmpty();
    }
}
