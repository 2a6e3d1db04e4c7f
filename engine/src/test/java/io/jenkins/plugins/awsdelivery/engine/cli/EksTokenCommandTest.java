package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksTokenVerifier;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class EksTokenCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void credentials() {
        System.setProperty("aws.accessKeyId", "ASIABASE");
        System.setProperty("aws.secretAccessKey", "base-secret");
        System.setProperty("aws.sessionToken", "base-session");
    }

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.sessionToken");
    }

    private int run(String... args) {
        return DeliveryCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void eksToken_printsAnExecCredentialShapedLikeAwsEksGetToken() throws Exception {
        int exit = run("eks-token", "--cluster", "shop-test", "--region", "eu-west-1");

        assertThat(exit).isZero();
        assertThat(out.toString().strip())
                .matches(
                        "\\{\"kind\": \"ExecCredential\", \"apiVersion\": \"client.authentication.k8s.io/v1beta1\", "
                                + "\"spec\": \\{}, \"status\": \\{\"expirationTimestamp\": "
                                + "\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\", \"token\": \"k8s-aws-v1\\.[A-Za-z0-9_-]+\"}}");
        JsonNode status = new ObjectMapper().readTree(out.toString()).get("status");
        assertThat(Instant.parse(status.get("expirationTimestamp").asText()))
                .isCloseTo(Instant.now().plus(14, ChronoUnit.MINUTES), within(5, ChronoUnit.SECONDS));
    }

    @Test
    void eksToken_tokenIsValidlySignedForTheRegionalStsHostWithTheSessionToken() throws Exception {
        run("eks-token", "--cluster", "shop-test", "--region", "eu-west-1");

        EksTokenVerifier.PresignedUrl url = token();
        assertThat(url.url().getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(url.query())
                .containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-Security-Token", "base-session");
        assertThat(url.query().get("X-Amz-Credential")).startsWith("ASIABASE/");
        assertThat(EksTokenVerifier.of(
                                AwsSessionCredentials.create("ASIABASE", "base-secret", "base-session"), "shop-test")
                        .problems(rawToken(), Instant.now()))
                .isEmpty();
    }

    @Test
    void eksToken_inChinaRegion_presignsForTheAwsCnStsHost() throws Exception {
        run("eks-token", "--cluster", "shop-test", "--region", "cn-northwest-1");

        EksTokenVerifier.PresignedUrl url = token();
        assertThat(url.url().getHost()).isEqualTo("sts.cn-northwest-1.amazonaws.com.cn");
        assertThat(EksTokenVerifier.of(
                                AwsSessionCredentials.create("ASIABASE", "base-secret", "base-session"), "shop-test")
                        .problems(rawToken(), Instant.now()))
                .isEmpty();
    }

    @Test
    void eksToken_withRoleArn_assumesTheRoleAtTheEndpointButPresignsForTheRealStsHost() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            aws.queryOperation(
                    "AssumeRole",
                    request -> AwsEmulator.Response.xml(
                            "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                                    + "<Credentials><AccessKeyId>ASIAASSUMED</AccessKeyId>"
                                    + "<SecretAccessKey>assumed-secret</SecretAccessKey>"
                                    + "<SessionToken>assumed-session</SessionToken>"
                                    + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                                    + "<AssumedRoleUser><AssumedRoleId>AROATEST:"
                                    + request.form().get("RoleSessionName")
                                    + "</AssumedRoleId><Arn>" + request.form().get("RoleArn")
                                    + "</Arn></AssumedRoleUser>"
                                    + "</AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
                                    + "</AssumeRoleResponse>"));

            int exit = run(
                    "eks-token",
                    "--cluster",
                    "shop-test",
                    "--region",
                    "eu-west-1",
                    "--role-arn",
                    "arn:aws:iam::123456789012:role/deployer",
                    "--endpoint-url",
                    aws.endpoint().toString());

            assertThat(exit).isZero();
            assertThat(aws.calls())
                    .containsExactly(new AwsEmulator.RecordedCall("sts", "AssumeRole", "ASIABASE", "eu-west-1"));
        }
        EksTokenVerifier.PresignedUrl url = token();
        assertThat(url.url().getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(url.query()).containsEntry("X-Amz-Security-Token", "assumed-session");
        assertThat(url.query().get("X-Amz-Credential")).startsWith("ASIAASSUMED/");
        assertThat(EksTokenVerifier.of(
                                AwsSessionCredentials.create("ASIAASSUMED", "assumed-secret", "assumed-session"),
                                "shop-test")
                        .problems(rawToken(), Instant.now()))
                .isEmpty();
    }

    private EksTokenVerifier.PresignedUrl token() throws Exception {
        return EksTokenVerifier.decode(rawToken());
    }

    private String rawToken() throws Exception {
        return new ObjectMapper()
                .readTree(out.toString())
                .get("status")
                .get("token")
                .asText();
    }
}
