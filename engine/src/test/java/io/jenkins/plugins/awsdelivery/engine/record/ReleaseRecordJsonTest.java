package io.jenkins.plugins.awsdelivery.engine.record;

import static io.jenkins.plugins.awsdelivery.engine.record.ShopRelease.WEB;
import static io.jenkins.plugins.awsdelivery.engine.record.ShopRelease.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseRecordJsonTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = ReleaseRecordJsonTest.class.getResourceAsStream("/record/" + name)) {
            assertThat(in).as("test resource record/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void read_whenRecordWrittenBySchemaVersion1_readsEveryEntryWithItsFields() throws IOException {
        ReleaseRecord record = ReleaseRecordJson.read(fixture("release-v1.json"));

        assertThat(record.entries())
                .extracting(RecordEntry::type)
                .containsExactly("push", "deployment", "deployment", "deployment", "testRun", "approval", "promotion");
        PushEntry push = record.entries(PushEntry.class).get(0);
        assertThat(push.time()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(push.imageUri()).isEqualTo("111111111111.dkr.ecr.eu-west-1.amazonaws.com/shop/web@" + WEB);
        assertThat(push.tags()).containsExactly("1.4.2", "4f1c2e7");

        List<DeploymentEntry> deployments = record.entries(DeploymentEntry.class);
        assertThat(deployments.get(0).target().describe()).isEqualTo("cluster staging, namespace shop");
        assertThat(deployments.get(0).resources())
                .containsExactly(
                        DeployedResource.of("Deployment", "web", "7"), DeployedResource.of("Service", "web", null));
        assertThat(deployments.get(1).target().describe()).isEqualTo("ECS service worker in cluster staging");
        assertThat(deployments.get(1).outcome()).isEqualTo(DeploymentOutcome.ROLLED_BACK);
        assertThat(deployments.get(1).rolledBack())
                .containsExactly(DeployedResource.of("TaskDefinition", "worker", "11"));
        assertThat(deployments.get(1).digests()).containsExactly(Digest.parse(WORKER));
        assertThat(deployments.get(2).target().stack()).isEqualTo("shop-staging-cdn");
        assertThat(deployments.get(2).outcome()).isEqualTo(DeploymentOutcome.DRY_RUN);

        TestRunEntry tests = record.entries(TestRunEntry.class).get(0);
        assertThat(List.of(
                        tests.tests(), tests.passed(), tests.failed(), tests.errors(), tests.skipped(), tests.flaky()))
                .containsExactly(42, 40, 0, 0, 2, 1);
        assertThat(tests.digest()).isEqualTo(Digest.parse(WEB));
        assertThat(tests.reportUrl()).isEqualTo("https://jenkins.example.com/job/shop/job/main/42/selenium/");

        ApprovalEntry approval = record.entries(ApprovalEntry.class).get(0);
        assertThat(approval.approver()).isEqualTo("bob");
        assertThat(approval.inputId()).isEqualTo("release");
        assertThat(approval.parameters()).containsExactly(Map.entry("ticket", "CHG-1234"));

        PromotionEntry promotion = record.entries(PromotionEntry.class).get(0);
        assertThat(promotion.destination())
                .isEqualTo("222222222222.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.2@" + WEB);
        assertThat(List.of(promotion.blobsCopied(), promotion.blobsMounted(), promotion.blobsSkipped()))
                .containsExactly(5, 0, 1);
        assertThat(promotion.bytesCopied()).isEqualTo(73_400_320L);
    }

    @Test
    void read_whenRecordWrittenBySchemaVersion1_equalsTheSameReleaseBuiltWithTheBuilders() throws IOException {
        assertThat(ReleaseRecordJson.read(fixture("release-v1.json"))).isEqualTo(ShopRelease.record());
    }

    @Test
    void write_producesTheSchemaVersion1Document() throws IOException {
        ObjectMapper json = new ObjectMapper();

        String written = ReleaseRecordJson.write(ShopRelease.record());

        assertThat(json.readTree(written)).isEqualTo(json.readTree(fixture("release-v1.json")));
    }

    @Test
    void docsExample_readsAndIsWhatTheWriterWritesForThatRelease() throws IOException {
        Path page = Path.of("..", "docs", "approval.md");
        assertThat(page).as("docs/approval.md, seen from the engine module").exists();
        String text = Files.readString(page);
        int marker = text.indexOf("<!-- example release.json");
        assertThat(marker)
                .as("the example's marker comment in docs/approval.md")
                .isNotNegative();
        int start = text.indexOf("```json\n", marker) + "```json\n".length();
        String example = text.substring(start, text.indexOf("```", start));
        ObjectMapper json = new ObjectMapper();

        assertThat(ReleaseRecordJson.read(example)).isEqualTo(ShopRelease.record());
        assertThat(json.readTree(ReleaseRecordJson.write(ShopRelease.record()))).isEqualTo(json.readTree(example));
    }

    @Test
    void writeThenRead_withEveryKindOfEntry_givesAnEqualRecord() {
        ReleaseRecord record = ShopRelease.record();

        assertThat(ReleaseRecordJson.read(ReleaseRecordJson.write(record))).isEqualTo(record);
    }

    @Test
    void writeThenRead_throughStreams_givesAnEqualRecordAndLeavesTheStreamsOpen() throws IOException {
        ReleaseRecord record = ShopRelease.record();
        ClosingTracker out = new ClosingTracker();

        ReleaseRecordJson.write(record, out);
        ReleaseRecord read = ReleaseRecordJson.read(new ByteArrayInputStream(out.toByteArray()));

        assertThat(read).isEqualTo(record);
        assertThat(out.closed).isFalse();
    }

    @Test
    void read_whenFieldsAddedLaterAreMissing_fillsTheirDefaults() {
        ReleaseRecord record = ReleaseRecordJson.read(
                """
                {"schemaVersion": 1, "entries": [
                  {"type": "push", "time": "2026-12-01T10:00:00Z", "registry": "r.example.com",
                   "repository": "shop/web", "digest": "%1$s"},
                  {"type": "deployment", "time": "2026-12-01T10:01:00Z",
                   "target": {"kind": "kubernetes", "cluster": "c", "namespace": "n"}, "outcome": "SUCCEEDED"},
                  {"type": "testRun", "time": "2026-12-01T10:02:00Z", "digest": "%1$s"},
                  {"type": "approval", "time": "2026-12-01T10:03:00Z", "inputId": "release"},
                  {"type": "promotion", "time": "2026-12-01T10:04:00Z", "source": "a", "destination": "b",
                   "digest": "%1$s"}
                ]}"""
                        .formatted(WEB));

        assertThat(record.entries(PushEntry.class).get(0).tags()).isEmpty();
        DeploymentEntry deployment = record.entries(DeploymentEntry.class).get(0);
        assertThat(deployment.resources()).isEmpty();
        assertThat(deployment.rolledBack()).isEmpty();
        assertThat(deployment.images()).isEmpty();
        assertThat(deployment.digests()).isEmpty();
        TestRunEntry tests = record.entries(TestRunEntry.class).get(0);
        assertThat(tests.tests()).isZero();
        assertThat(tests.flaky()).isZero();
        assertThat(tests.reportUrl()).isNull();
        ApprovalEntry approval = record.entries(ApprovalEntry.class).get(0);
        assertThat(approval.approver()).isNull();
        assertThat(approval.message()).isNull();
        assertThat(approval.parameters()).isEmpty();
        PromotionEntry promotion = record.entries(PromotionEntry.class).get(0);
        assertThat(promotion.bytesCopied()).isZero();
        assertThat(promotion.dryRun()).isFalse();
    }

    @Test
    void read_whenFieldsAndEntryTypesAreUnknown_ignoresThem() {
        ReleaseRecord record = ReleaseRecordJson.read(
                """
                {"schemaVersion": 1, "writtenBy": "a later version", "entries": [
                  {"type": "push", "time": "2026-12-01T10:00:00Z", "registry": "r.example.com",
                   "repository": "shop/web", "digest": "%s", "platforms": ["linux/amd64"], "sbom": {"format": "spdx"}},
                  {"type": "signature", "time": "2026-12-01T10:01:00Z", "keyId": "k1"}
                ]}"""
                        .formatted(WEB));

        assertThat(record.entries()).hasSize(1);
        assertThat(record.entries().get(0)).isInstanceOf(PushEntry.class);
    }

    @Test
    void read_whenSchemaVersionIsNewer_isRefusedWithTheFix() {
        assertThatThrownBy(() -> ReleaseRecordJson.read("{\"schemaVersion\": 2, \"entries\": []}"))
                .isInstanceOf(ReleaseRecordFormatException.class)
                .hasMessageContaining("schemaVersion 2")
                .hasMessageContaining("reads up to 1")
                .hasMessageContaining("Upgrade");
    }

    @Test
    void read_whenSchemaVersionIsMissing_isRefused() {
        assertThatThrownBy(() -> ReleaseRecordJson.read("{\"entries\": []}"))
                .isInstanceOf(ReleaseRecordFormatException.class)
                .hasMessageContaining("schemaVersion is missing");
    }

    @Test
    void read_whenAFieldHasTheWrongType_namesTheFieldByItsPath() {
        String json =
                """
                {"schemaVersion": 1, "entries": [
                  {"type": "testRun", "time": "2026-12-01T10:02:00Z", "digest": "%s", "tests": "many"}
                ]}"""
                        .formatted(WEB);

        assertThatThrownBy(() -> ReleaseRecordJson.read(json))
                .isInstanceOf(ReleaseRecordFormatException.class)
                .hasMessageContaining("$.entries[0].tests")
                .hasMessageContaining("whole number");
    }

    @Test
    void read_whenADigestIsInvalid_namesTheEntryAndTheField() {
        String json =
                """
                {"schemaVersion": 1, "entries": [
                  {"type": "testRun", "time": "2026-12-01T10:02:00Z", "digest": "sha256:abc"}
                ]}""";

        assertThatThrownBy(() -> ReleaseRecordJson.read(json))
                .isInstanceOf(ReleaseRecordFormatException.class)
                .hasMessageContaining("$.entries[0].digest")
                .hasMessageContaining("64");
    }

    @Test
    void read_whenAKeyIsRepeated_isRefused() {
        String json =
                """
                {"schemaVersion": 1, "entries": [
                  {"type": "approval", "time": "2026-12-01T10:03:00Z", "inputId": "release",
                   "approver": "alice", "approver": "bob"}
                ]}""";

        assertThatThrownBy(() -> ReleaseRecordJson.read(json))
                .isInstanceOf(ReleaseRecordFormatException.class)
                .hasMessageContaining("approver");
    }

    @Test
    void read_whenNotJson_saysSo() {
        assertThatThrownBy(() -> ReleaseRecordJson.read("<build/>"))
                .isInstanceOf(ReleaseRecordFormatException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void javaSerialization_roundTrip_givesAnEqualRecord() throws Exception {
        ReleaseRecord record = ShopRelease.record();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(record);
        }

        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        assertThat(read).isEqualTo(record);
    }

    @Test
    void toMap_holdsOnlyStringsNumbersBooleansListsAndMaps() {
        assertPlain(ShopRelease.record().toMap(), "record");
    }

    private static void assertPlain(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                assertThat(key).as(path + " key").isInstanceOf(String.class);
                assertPlain(item, path + "." + key);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertPlain(list.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(value).as(path).isInstanceOfAny(String.class, Number.class, Boolean.class);
        }
    }

    private static final class ClosingTracker extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
