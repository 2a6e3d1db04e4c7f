package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class EksTokenGeneratorTest {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final AwsCredentials KEYS = AwsBasicCredentials.create("AKIATEST", "secret/key+1");
    static final AwsCredentials SESSION =
            AwsSessionCredentials.create("ASIATEST", "secret/key+1", "session-token/with+chars==");

    static EksTokenGenerator generator(Region region, boolean session) {
        return new EksTokenGenerator(StaticCredentialsProvider.create(session ? SESSION : KEYS), region, CLOCK);
    }

    @Test
    void token_isPresignedGetCallerIdentityForTheRegionalStsHostSigningHostAndClusterHeader() {
        EksToken token = generator(Region.EU_WEST_1, false).token("shop-test");

        EksTokenVerifier.PresignedUrl url = EksTokenVerifier.decode(token.value());
        assertThat(url.url().getScheme()).isEqualTo("https");
        assertThat(url.url().getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(url.url().getPath()).isEqualTo("/");
        assertThat(url.query())
                .containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-Date", "20260102T030405Z")
                .containsEntry("X-Amz-Credential", "AKIATEST/20260102/eu-west-1/sts/aws4_request")
                .doesNotContainKey("X-Amz-Security-Token");
    }

    @Test
    void token_carriesASigV4SignatureOverTheEmptyBodyThatStsAccepts() {
        EksToken token = generator(Region.EU_WEST_1, false).token("shop-test");

        assertThat(EksTokenVerifier.of(KEYS, "shop-test").problems(token.value(), NOW))
                .isEmpty();
    }

    @Test
    void token_withSessionCredentials_carriesTheSessionTokenUnderTheSignature() {
        EksToken token = generator(Region.EU_WEST_1, true).token("shop-test");

        EksTokenVerifier.PresignedUrl url = EksTokenVerifier.decode(token.value());
        assertThat(url.query()).containsEntry("X-Amz-Security-Token", "session-token/with+chars==");
        assertThat(EksTokenVerifier.of(SESSION, "shop-test").problems(token.value(), NOW))
                .isEmpty();
    }

    @Test
    void token_inChinaRegion_usesTheAwsCnPartitionsStsHost() {
        EksToken token = generator(Region.CN_NORTH_1, false).token("shop-test");

        EksTokenVerifier.PresignedUrl url = EksTokenVerifier.decode(token.value());
        assertThat(url.url().getHost()).isEqualTo("sts.cn-north-1.amazonaws.com.cn");
        assertThat(url.query()).containsEntry("X-Amz-Credential", "AKIATEST/20260102/cn-north-1/sts/aws4_request");
        assertThat(EksTokenVerifier.of(KEYS, "shop-test").problems(token.value(), NOW))
                .isEmpty();
    }

    @Test
    void token_expiresFourteenMinutesAfterSigning_andNeverShowsInToString() {
        EksToken token = generator(Region.EU_WEST_1, false).token("shop-test");

        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(14 * 60));
        assertThat(token.toString()).doesNotContain("k8s-aws-v1");
    }

    @Test
    void refreshingToken_signsAnewOnlyAfterFourteenMinutes() {
        MutableClock clock = new MutableClock(NOW);
        EksTokenGenerator generator = new EksTokenGenerator(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "s")), Region.EU_WEST_1, clock);
        RefreshingEksToken refreshing = new RefreshingEksToken(generator, "shop-test", clock);

        String first = refreshing.getToken();
        clock.now = NOW.plusSeconds(13 * 60 + 59);
        String stillFirst = refreshing.getToken();
        clock.now = NOW.plusSeconds(14 * 60);
        String second = refreshing.getToken();

        assertThat(stillFirst).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
        assertThat(EksTokenVerifier.decode(second).query()).containsEntry("X-Amz-Date", "20260102T031805Z");
    }

    /** A clock a test moves by hand. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
