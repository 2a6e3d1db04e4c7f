package io.jenkins.plugins.awsdelivery.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values come from the specifications: RFC 7617's example credential and its Base64 form, and the SigV4
 * {@code Authorization} header of AWS's signature documentation (S3 "GET object" example).
 */
class SecretMaskerTest {
    /** RFC 7617, section 2: user-id "Aladdin", password "open sesame". */
    private static final String RFC_7617_BASIC = "QWxhZGRpbjpvcGVuIHNlc2FtZQ==";

    @Test
    void mask_whenTheTextHoldsAGivenPassword_replacesIt() {
        SecretMasker masker = SecretMasker.of(List.of("open sesame"));

        assertThat(masker.mask("login failed for password open sesame at 10:00"))
                .isEqualTo("login failed for password **** at 10:00");
    }

    @Test
    void mask_whenTheTextHoldsTheBase64OfAGivenUserColonPassword_replacesIt() {
        SecretMasker masker = SecretMasker.of(List.of("Aladdin:open sesame"));

        assertThat(masker.mask("you sent " + RFC_7617_BASIC + " and we refused it"))
                .isEqualTo("you sent **** and we refused it");
        assertThat(masker.mask("you sent " + RFC_7617_BASIC.replace("=", "") + "."))
                .isEqualTo("you sent ****.");
    }

    @Test
    void mask_whenTheTextHoldsABasicOrBearerHeaderOfAnUnknownSecret_replacesTheValue() {
        SecretMasker masker = SecretMasker.patternsOnly();

        assertThat(masker.mask("denied: Authorization: Basic " + RFC_7617_BASIC + "; try again"))
                .isEqualTo("denied: Authorization: Basic ****; try again");
        assertThat(masker.mask("token Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln expired"))
                .isEqualTo("token Bearer **** expired");
    }

    @Test
    void mask_whenTheTextHoldsABearerChallenge_keepsItReadable() {
        String challenge = "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\"";

        assertThat(SecretMasker.patternsOnly().mask(challenge)).isEqualTo(challenge);
    }

    @Test
    void mask_whenTheTextHoldsASigV4AuthorizationHeader_replacesCredentialAndSignature() {
        String header = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                + "aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

        assertThat(SecretMasker.patternsOnly().mask(header))
                .isEqualTo("Authorization: AWS4-HMAC-SHA256 Credential=****, SignedHeaders=host;range;"
                        + "x-amz-content-sha256;x-amz-date, Signature=****");
    }

    @Test
    void mask_whenTheTextHoldsASessionTokenHeaderOrQueryParameter_replacesItsValue() {
        SecretMasker masker = SecretMasker.patternsOnly();

        assertThat(masker.mask("X-Amz-Security-Token: FwoGZXIvYXdzEJr//////////wEaDH"))
                .isEqualTo("X-Amz-Security-Token: ****");
        assertThat(masker.mask("https://sts.amazonaws.com/?X-Amz-Security-Token=FwoGZ%2Fabc&X-Amz-Signature=0a1b2c"))
                .isEqualTo("https://sts.amazonaws.com/?X-Amz-Security-Token=****&X-Amz-Signature=****");
        assertThat(masker.mask("{\"headers\":{\"x-amz-security-token\":\"FwoGZXIvYXdz\"}}"))
                .isEqualTo("{\"headers\":{\"x-amz-security-token\":\"****\"}}");
    }

    @Test
    void mask_whenTheTextHoldsAnEksTokenOrJsonTokenField_replacesTheValue() {
        SecretMasker masker = SecretMasker.patternsOnly();

        assertThat(masker.mask("token k8s-aws-v1.aHR0cHM6Ly9zdHM rejected"))
                .isEqualTo("token k8s-aws-v1.**** rejected");
        assertThat(masker.mask("{\"token\":\"abc.def\",\"expires_in\":300}"))
                .isEqualTo("{\"token\":\"****\",\"expires_in\":300}");
    }

    @Test
    void mask_whenOneSecretContainsAnother_replacesTheLongerWhole() {
        SecretMasker masker = SecretMasker.of(List.of("pass", "alice:password1"));

        assertThat(masker.mask("alice:password1")).isEqualTo("****");
    }

    @Test
    void maskingWriter_whenASecretIsWrittenInPieces_masksTheWholeLine() {
        StringWriter sink = new StringWriter();
        PrintWriter writer =
                new PrintWriter(new SecretMaskingWriter(sink, SecretMasker.of(List.of("open sesame"))), true);

        writer.print("password: open ");
        writer.print("sesame");
        writer.println(" was refused");

        assertThat(sink.toString()).isEqualTo("password: **** was refused" + System.lineSeparator());
    }
}
