package io.jenkins.plugins.awsdelivery.engine.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EcrImagesTest {
    private EcrTestEnvironment env;
    private Ecr ecr;

    @BeforeEach
    void start() throws Exception {
        env = new EcrTestEnvironment();
        ecr = Ecr.connect(env.connection().build(), env.events);
        env.ecr.givenRepository("team/app", "MUTABLE");
    }

    @AfterEach
    void stop() {
        ecr.close();
        env.close();
    }

    @Test
    void describe_byDigest_returnsTheTagsOfThatImageInTheRegistry() throws Exception {
        Digest digest = TestImages.push(env.registry.url(), "team/app", "1.0", "a");
        TestImages.push(env.registry.url(), "team/app", "latest", "a");
        TestImages.push(env.registry.url(), "team/app", "other", "b");

        EcrImage image = ecr.images().describe("team/app", null, digest);

        assertThat(image.digest()).isEqualTo(digest);
        assertThat(image.tags()).containsExactlyInAnyOrder("1.0", "latest");
    }

    @Test
    void describe_ofADigestNotInTheRepository_failsNamingDigestAndRepository() {
        Digest absent = Digest.sha256(new byte[] {1});

        assertThatThrownBy(() -> ecr.images().describe("team/app", null, absent))
                .isInstanceOf(EcrException.class)
                .hasMessageContaining(absent.toString())
                .hasMessageContaining("'team/app'");
    }

    @Test
    void list_readsEveryPage() throws Exception {
        for (int i = 0; i < 5; i++) {
            TestImages.push(env.registry.url(), "team/app", "v" + i, "m" + i);
        }
        env.ecr.pageSize(2);

        assertThat(ecr.images().list("team/app", null)).hasSize(5);
        assertThat(env.aws.calls())
                .filteredOn(c -> c.operation().equals("DescribeImages"))
                .hasSize(3);
    }

    @Test
    void retag_addsTheTagWithTheIdenticalManifest_withoutTouchingBlobs() throws Exception {
        Digest digest = TestImages.push(env.registry.url(), "team/app", "build-7", "a");

        boolean added = ecr.retagger().retag("team/app", null, digest, "release");

        assertThat(added).isTrue();
        assertThat(ecr.images().describe("team/app", null, digest).tags()).contains("build-7", "release");
        assertThat(env.aws.calls())
                .extracting(AwsEmulator.RecordedCall::operation)
                .containsExactly("BatchGetImage", "PutImage", "DescribeImages");
    }

    @Test
    void retag_whenTheTagAlreadyNamesTheDigest_succeedsWithoutChange() throws Exception {
        Digest digest = TestImages.push(env.registry.url(), "team/app", "release", "a");

        boolean added = ecr.retagger().retag("team/app", null, digest, "release");

        assertThat(added).isFalse();
    }

    @Test
    void retag_whenAnImmutableTagIsHeldByAnotherDigest_failsNamingBothAndKeepsTheTag() throws Exception {
        env.ecr.givenRepository("team/locked", "IMMUTABLE");
        Digest held = TestImages.push(env.registry.url(), "team/locked", "release", "old");
        Digest candidate = TestImages.push(env.registry.url(), "team/locked", "build-8", "new");

        assertThatThrownBy(() -> ecr.retagger().retag("team/locked", null, candidate, "release"))
                .isInstanceOf(EcrException.class)
                .hasMessageContaining("immutable")
                .hasMessageContaining(held.toString())
                .hasMessageContaining(candidate.toString());
        assertThat(ecr.images().describe("team/locked", null, held).tags()).contains("release");
    }
}
