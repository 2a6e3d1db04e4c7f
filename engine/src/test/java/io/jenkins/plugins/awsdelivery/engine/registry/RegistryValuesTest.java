package io.jenkins.plugins.awsdelivery.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The small values of the registry package: what they print, parse and refuse. */
class RegistryValuesTest {

    @Test
    void credential_toString_neverShowsThePassword() {
        RegistryCredential credential = RegistryCredential.basic("AWS", "eyJwYXlsb2FkIjoi-secret");

        assertThat(credential.toString()).contains("AWS").doesNotContain("eyJwYXlsb2FkIjoi-secret");
    }

    @Test
    void credential_parse_keepsColonsInThePassword() {
        RegistryCredential credential = RegistryCredential.parse("--src-creds", "user:pa:ss");

        assertThat(credential).isEqualTo(RegistryCredential.basic("user", "pa:ss"));
    }

    @Test
    void credential_parse_whenNoColon_namesTheOptionButNotTheValue() {
        assertThatThrownBy(() -> RegistryCredential.parse("--src-creds", "secret-without-user"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("--src-creds")
                .message()
                .doesNotContain("secret-without-user");
    }

    @Test
    void challenge_parse_readsBearerParameters() {
        AuthChallenge challenge = AuthChallenge.parse(
                "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull\"");

        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.parameters())
                .containsEntry("realm", "https://auth.example/token")
                .containsEntry("service", "registry.example")
                .containsEntry("scope", "repository:a/b:pull");
    }

    @Test
    void challenge_parse_readsBasic() {
        assertThat(AuthChallenge.parse("Basic realm=\"local\"").isBearer()).isFalse();
    }

    @Test
    void retryPolicy_delayAfter_doublesUpToTheCapAndHonoursRetryAfterUpToItsCap() {
        RetryPolicy policy = RetryPolicy.builder()
                .initialDelay(Duration.ofMillis(500))
                .maxDelay(Duration.ofSeconds(3))
                .maxRetryAfter(Duration.ofSeconds(20))
                .build();

        assertThat(policy.delayAfter(1, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(4, null)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayAfter(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void manifest_whenLargerThan4MiB_isRefused() {
        byte[] huge = new byte[ImageManifest.MAX_SIZE + 1];
        Arrays.fill(huge, (byte) ' ');

        assertThatThrownBy(() -> ImageManifest.of(huge, MediaTypes.OCI_MANIFEST))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void manifest_whenMediaTypeIsSchema1_isRefusedRatherThanConverted() {
        byte[] json = "{\"schemaVersion\":1,\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ImageManifest.of(json, "application/vnd.docker.distribution.manifest.v1+prettyjws"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("cannot be copied");
    }

    @Test
    void manifest_keepsBytesExactlyAndReadsTheIndexChildren() {
        String text = "{ \"manifests\" : [ {\"size\":7,\"digest\":\"sha256:" + "a".repeat(64)
                + "\",\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}} ],"
                + " \"schemaVersion\" : 2 }\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        ImageManifest manifest = ImageManifest.of(bytes, MediaTypes.OCI_INDEX);

        assertThat(manifest.bytes()).isEqualTo(bytes);
        assertThat(manifest.children()).singleElement().satisfies(child -> {
            assertThat(child.platform()).isEqualTo("linux/arm64/v8");
            assertThat(child.size()).isEqualTo(7);
        });
    }
}
