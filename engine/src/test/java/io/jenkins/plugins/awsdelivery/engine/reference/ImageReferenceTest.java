package io.jenkins.plugins.awsdelivery.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
    private static final String SHA = "sha256:" + "a".repeat(64);

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            nullValues = "-",
            value = {
                // input, registry, repository, tag, digest
                "nginx, docker.io, library/nginx, -, -",
                "nginx:1.25, docker.io, library/nginx, 1.25, -",
                "docker.io/nginx, docker.io, library/nginx, -, -",
                "index.docker.io/nginx, docker.io, library/nginx, -, -",
                "index.docker.io/team/app:v1, docker.io, team/app, v1, -",
                "team/app, docker.io, team/app, -, -",
                "localhost/app, localhost, app, -, -",
                "localhost:5000/app:1.0, localhost:5000, app, 1.0, -",
                "127.0.0.1:5000/team/sub/app, 127.0.0.1:5000, team/sub/app, -, -",
                "[::1]:5000/app:latest, [::1]:5000, app, latest, -",
                "[2001:db8::1]/app, [2001:db8::1], app, -, -",
                "registry.example.com/a.b/c_d/e__f/g-h/i---j, registry.example.com, a.b/c_d/e__f/g-h/i---j, -, -",
                "Registry.Example.com/app, Registry.Example.com, app, -, -",
                "Example/app, Example, app, -, -",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:Build_7,"
                        + " 123456789012.dkr.ecr.us-east-1.amazonaws.com, team/app, Build_7, -",
            })
    void parse_whenValid_normalisesLikeDocker(
            String input, String registry, String repository, String tag, String digest) {
        ImageReference reference = ImageReference.parse(input);

        assertThat(reference.registry()).isEqualTo(registry);
        assertThat(reference.repository()).isEqualTo(repository);
        assertThat(reference.tag()).isEqualTo(java.util.Optional.ofNullable(tag));
        assertThat(reference.digest().map(Object::toString)).isEqualTo(java.util.Optional.ofNullable(digest));
    }

    @Test
    void parse_whenTagAndDigest_keepsBothAndAddressesByDigest() {
        ImageReference reference = ImageReference.parse("host:5000/app:1.0@" + SHA);

        assertThat(reference.registry()).isEqualTo("host:5000");
        assertThat(reference.tag()).contains("1.0");
        assertThat(reference.digest()).contains(Digest.parse(SHA));
        assertThat(reference.reference()).isEqualTo(SHA);
        assertThat(reference.canonical()).isEqualTo("host:5000/app:1.0@" + SHA);
    }

    @Test
    void reference_whenNoTagNorDigest_isLatest() {
        assertThat(ImageReference.parse("app").reference()).isEqualTo("latest");
        assertThat(ImageReference.parse("app").canonical()).isEqualTo("docker.io/library/app");
    }

    @Test
    void parse_whenDigestOnlyWithPort_doesNotMistakePortForTag() {
        ImageReference reference = ImageReference.parse("localhost:5000/app@" + SHA);

        assertThat(reference.registry()).isEqualTo("localhost:5000");
        assertThat(reference.tag()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''| an image reference is required",
                "Nginx| \"Nginx\": it must be lower-case",
                "team/App| \"App\": it must be lower-case",
                "registry.example.com/app/| empty path component",
                "registry.example.com//app| empty path component",
                "app:| no tag after it",
                "app:-dash| invalid tag \"-dash\"",
                "app:.dot| invalid tag \".dot\"",
                "app:a+b| invalid tag \"a+b\"",
                "a__-b| invalid repository component \"a__-b\"",
                "-app| invalid repository component \"-app\"",
                "app_| invalid repository component \"app_\"",
                "host:port/app| invalid registry \"host:port\"",
                "-bad.example.com/app| invalid registry \"-bad.example.com\"",
                "[::1]:5000| no repository after it",
                "app@sha256:abc| has 3 hex digits; sha256 needs exactly 64",
                "app@md5:d41d8cd98f00b204e9800998ecf8427e| algorithm \"md5\"",
                "app@@sha256:aaaa| more than one '@'",
                "app name| invalid repository component \"app name\"",
            })
    void parse_whenInvalid_quotesTheOffendingPart(String input, String expectedMessagePart) {
        assertThatThrownBy(() -> ImageReference.parse("source", input))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageStartingWith("source: ")
                .hasMessageContaining(expectedMessagePart);
    }

    @Test
    void parse_whenDigestHasUpperCaseHex_isRefused() {
        assertThatThrownBy(() -> ImageReference.parse("app@sha256:" + "A".repeat(64)))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("only lower-case hex");
    }

    @Test
    void parse_whenNameIsLongerThan255_isRefused() {
        String name = "registry.example.com/" + "a".repeat(235);

        assertThat(ImageReference.parse(name.substring(0, 255)).repository()).hasSize(234);
        assertThatThrownBy(() -> ImageReference.parse(name))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("name of 256 characters; the limit is 255");
    }

    @Test
    void parse_whenTagIsLongerThan128_isRefused() {
        assertThat(ImageReference.parse("app:" + "t".repeat(128)).tag()).hasValue("t".repeat(128));
        assertThatThrownBy(() -> ImageReference.parse("app:" + "t".repeat(129)))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("tag of 129 characters; the limit is 128");
    }

    @Test
    void isLoopback_onlyForThisMachine() {
        assertThat(ImageReference.parse("localhost:5000/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("127.0.0.1:5000/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("127.10.0.3/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("[::1]:5000/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("LocalHost:5000/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("localhost.example.com/a").isLoopback()).isFalse();
        assertThat(ImageReference.parse("128.0.0.1/a").isLoopback()).isFalse();
        assertThat(ImageReference.parse("nginx").isLoopback()).isFalse();
    }

    @Test
    void withers_returnNewValuesAndKeepTheOriginal() {
        ImageReference original = ImageReference.parse("host:5000/app:1.0");
        Digest digest = Digest.parse(SHA);

        ImageReference pinned = original.withDigest(digest).withoutTag();

        assertThat(pinned.canonical()).isEqualTo("host:5000/app@" + SHA);
        assertThat(original.canonical()).isEqualTo("host:5000/app:1.0");
        assertThat(pinned).isEqualTo(ImageReference.parse("host:5000/app@" + SHA));
        assertThat(ImageReference.of("host:5000", "app", "1.0", digest).canonical())
                .isEqualTo("host:5000/app:1.0@" + SHA);
    }
}
