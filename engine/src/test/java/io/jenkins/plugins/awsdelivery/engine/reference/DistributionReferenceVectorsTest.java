package io.jenkins.plugins.awsdelivery.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vectors quoted from distribution/reference (github.com/distribution/reference, commit 0965666a, 2026-04-18): the
 * name lists of {@code normalize_test.go}'s {@code TestValidateReferenceName}, which it runs through
 * {@code ParseNormalizedNamed} (what the docker CLI parses), and the IPv6 cases of {@code reference_test.go}'s
 * {@code TestReferenceParse}.
 */
class DistributionReferenceVectorsTest {
    private static final String IMAGE_ID = "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                // normalize_test.go, TestValidateReferenceName, validRepoNames
                "docker/docker",
                "library/debian",
                "debian",
                "localhost/library/debian",
                "localhost/debian",
                "LOCALDOMAIN/library/debian",
                "LOCALDOMAIN/debian",
                "docker.io/docker/docker",
                "docker.io/library/debian",
                "docker.io/debian",
                "index.docker.io/docker/docker",
                "index.docker.io/library/debian",
                "index.docker.io/debian",
                "127.0.0.1:5000/docker/docker",
                "127.0.0.1:5000/library/debian",
                "127.0.0.1:5000/debian",
                "192.168.0.1",
                "192.168.0.1:80",
                "192.168.0.1:8/debian",
                "192.168.0.2:25000/debian",
                "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
                "[fc00::1]:5000/docker",
                "[fc00::1]:5000/docker/docker",
                "[fc00:1:2:3:4:5:6:7]:5000/library/debian",
                // "moved from invalid to valid": with a host, 64 hex digits are no longer ambiguous
                "docker.io/" + IMAGE_ID,
                "Docker/docker",
                "DOCKER/docker",
            })
    void parse_acceptsDistributionsValidNames(String name) {
        assertThatCode(() -> ImageReference.parse(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                // normalize_test.go, TestValidateReferenceName, invalidRepoNames
                "https://github.com/docker/docker",
                "docker/Docker",
                "-docker",
                "-docker/docker",
                "-docker.io/docker/docker",
                "docker///docker",
                "docker.io/docker/Docker",
                "docker.io/docker///docker",
                "[fc00::1]",
                "[fc00::1]:5000",
                "fc00::1:5000/debian",
                "[fe80::1%eth0]:5000/debian",
                "[2001:db8:3:4::192.0.2.33]:5000/debian",
                IMAGE_ID,
            })
    void parse_refusesDistributionsInvalidNames(String name) {
        assertThatThrownBy(() -> ImageReference.parse(name)).isInstanceOf(InvalidReferenceException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            nullValues = "-",
            value = {
                // reference_test.go, TestReferenceParse: input, domain, path, tag
                "[2001:db8::1]/repo, [2001:db8::1], repo, -",
                "[2001:db8:1:2:3:4:5:6]/repo:tag, [2001:db8:1:2:3:4:5:6], repo, tag",
                "[2001:db8::1]:5000/repo, [2001:db8::1]:5000, repo, -",
                "[2001:db8::1]:5000/repo:tag, [2001:db8::1]:5000, repo, tag",
                "[2001:db8::]:5000/repo, [2001:db8::]:5000, repo, -",
                "[::1]:5000/repo, [::1]:5000, repo, -",
            })
    void parse_ipv6Hosts_asDistributionSplitsThem(String input, String registry, String repository, String tag) {
        ImageReference reference = ImageReference.parse(input);

        assertThat(reference.registry()).isEqualTo(registry);
        assertThat(reference.repository()).isEqualTo(repository);
        assertThat(reference.tag()).isEqualTo(java.util.Optional.ofNullable(tag));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                // reference_test.go, TestReferenceParse: err ErrReferenceInvalidFormat
                "[2001:db8::1]",
                "[2001:db8::1]:5000",
                "[2001:db8::1]:tag",
                "[fe80::1%eth0]:5000/repo",
                "[fe80::1%@invalidzone]:5000/repo",
            })
    void parse_refusesDistributionsInvalidIpv6References(String input) {
        assertThatThrownBy(() -> ImageReference.parse(input)).isInstanceOf(InvalidReferenceException.class);
    }

    @Test
    void parse_whenIpv6HostHasADottedIpv4Tail_explainsWhatABracketedHostMayHold() {
        assertThatThrownBy(() -> ImageReference.parse("image", "[2001:db8:3:4::192.0.2.33]:5000/debian"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageStartingWith("image: ")
                .hasMessageContaining("\"[2001:db8:3:4::192.0.2.33]:5000\"")
                .hasMessageContaining("hex digits and colons only");
    }

    @Test
    void parse_whenTheWholeReferenceIs64LowerCaseHexDigits_refusesItAsDistributionDoes() {
        // normalize.go, ParseNormalizedNamed: "invalid repository name (%s), cannot specify 64-byte hexadecimal
        // strings"
        assertThatThrownBy(() -> ImageReference.parse("image", IMAGE_ID))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageStartingWith("image: ")
                .hasMessageContaining("invalid repository name")
                .hasMessageContaining("cannot specify 64-byte hexadecimal strings")
                .hasMessageContaining("repository@sha256:");
    }
}
