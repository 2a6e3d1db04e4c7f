package io.jenkins.plugins.awsdelivery.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {

    @Test
    void sha256_ofContent_matchesTheKnownValue() {
        Digest digest = Digest.sha256("hello".getBytes(StandardCharsets.UTF_8));

        assertThat(digest.toString())
                .isEqualTo("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(digest.algorithm()).isEqualTo("sha256");
    }

    @Test
    void matches_whenStreamedHashEqual_isTrue() {
        Digest digest = Digest.sha256(new byte[] {1, 2, 3});
        var hasher = digest.newMessageDigest();
        hasher.update(new byte[] {1, 2});
        hasher.update((byte) 3);

        assertThat(digest.matches(hasher.digest())).isTrue();
    }

    @Test
    void parse_acceptsSha512() {
        assertThat(Digest.parse("sha512:" + "0".repeat(128)).algorithm()).isEqualTo("sha512");
    }

    @Test
    void parse_whenNoAlgorithm_explainsTheForm() {
        assertThatThrownBy(() -> Digest.parse("image", "abc"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("image: \"abc\" is not a digest; write it as sha256:<64 hex digits>");
    }

    @Test
    void equals_byValue() {
        assertThat(Digest.parse("sha256:" + "b".repeat(64))).isEqualTo(Digest.parse("sha256:" + "b".repeat(64)));
    }
}
