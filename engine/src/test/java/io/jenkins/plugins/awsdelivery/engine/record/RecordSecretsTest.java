package io.jenkins.plugins.awsdelivery.engine.record;

import static io.jenkins.plugins.awsdelivery.engine.record.ShopRelease.WEB;
import static io.jenkins.plugins.awsdelivery.engine.record.ShopRelease.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record built from inputs that contain secrets shows none of them, in any of its forms. */
class RecordSecretsTest {
    private static final String DB_PASSWORD = "hunter2-db-Pa55";
    private static final String GITHUB_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
    private static final String AWS_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String API_KEY = "ak-9b1f2c3d";
    private static final String BASIC_AUTH_PASSWORD = "s3cr3t-basic";
    private static final String SIGNATURE = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSION";
    private static final String KNOWN_SECRET = "registry-robot-pw-42";

    private static final List<String> SECRETS = List.of(
            DB_PASSWORD,
            GITHUB_TOKEN,
            AWS_SECRET_KEY,
            API_KEY,
            BASIC_AUTH_PASSWORD,
            SIGNATURE,
            SESSION_TOKEN,
            KNOWN_SECRET);

    private static ReleaseRecord recordBuiltFromSecrets() {
        ApprovalEntry approval = ApprovalEntry.builder()
                .time(at("10:31"))
                .inputId("release")
                .message("Promote with robot password " + KNOWN_SECRET + "?")
                .approver("bob")
                .parameter("ticket", "CHG-1234")
                .parameter("DB_PASSWORD", DB_PASSWORD)
                .parameter("githubToken", GITHUB_TOKEN)
                .parameter("aws_secret_access_key", AWS_SECRET_KEY)
                .parameter("apiKey", API_KEY)
                .parameter("note", "the robot uses " + KNOWN_SECRET)
                .knownSecrets(List.of(Secret.of(KNOWN_SECRET)))
                .build();
        TestRunEntry tests = TestRunEntry.builder()
                .time(at("10:09"))
                .digest(WEB)
                .tests(1)
                .passed(1)
                .baseUrl("https://tester:" + BASIC_AUTH_PASSWORD + "@staging.shop.example.com/")
                .reportUrl("https://reports.s3.amazonaws.com/42/index.html?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Security-Token=" + SESSION_TOKEN + "&X-Amz-Signature=" + SIGNATURE
                        + "&X-Amz-Expires=3600")
                .build();
        return ShopRelease.record().with(tests).with(approval);
    }

    @Test
    void json_neverShowsASecret() {
        String json = ReleaseRecordJson.write(recordBuiltFromSecrets());

        assertThat(json).doesNotContain(SECRETS);
    }

    @Test
    void toMap_neverShowsASecret() {
        assertThat(recordBuiltFromSecrets().toMap().toString()).doesNotContain(SECRETS);
    }

    @Test
    void toString_neverShowsASecret() {
        assertThat(recordBuiltFromSecrets().toString()).doesNotContain(SECRETS);
    }

    @Test
    void javaSerializedForm_neverHoldsASecret() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(recordBuiltFromSecrets());
        }

        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain(SECRETS);
    }

    @Test
    void approvalParameters_withSecretLookingNames_keepTheNameButNotTheValue() {
        ApprovalEntry approval =
                recordBuiltFromSecrets().entries(ApprovalEntry.class).get(1);

        assertThat(approval.parameters())
                .containsExactly(
                        Map.entry("ticket", "CHG-1234"),
                        Map.entry("DB_PASSWORD", "****"),
                        Map.entry("githubToken", "****"),
                        Map.entry("aws_secret_access_key", "****"),
                        Map.entry("apiKey", "****"),
                        Map.entry("note", "the robot uses ****"));
        assertThat(approval.message()).isEqualTo("Promote with robot password ****?");
    }

    @Test
    void testRunUrls_loseTheirUserInformationAndSignedQueryValues() {
        TestRunEntry tests =
                recordBuiltFromSecrets().entries(TestRunEntry.class).get(1);

        assertThat(tests.baseUrl()).isEqualTo("https://staging.shop.example.com/");
        assertThat(tests.reportUrl())
                .isEqualTo("https://reports.s3.amazonaws.com/42/index.html?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Security-Token=****&X-Amz-Signature=****&X-Amz-Expires=3600");
    }

    @Test
    void readingARecordThatHoldsASecretLookingParameter_masksItToo() {
        String json =
                """
                {"schemaVersion": 1, "entries": [
                  {"type": "approval", "time": "2026-12-01T10:31:00Z", "inputId": "release",
                   "parameters": {"password": "%s"}}
                ]}"""
                        .formatted(DB_PASSWORD);

        ReleaseRecord record = ReleaseRecordJson.read(json);

        assertThat(record.toString()).doesNotContain(DB_PASSWORD);
        assertThat(record.entries(ApprovalEntry.class).get(0).parameters()).containsEntry("password", "****");
    }
}
