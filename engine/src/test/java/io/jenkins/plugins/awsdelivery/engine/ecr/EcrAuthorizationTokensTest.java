package io.jenkins.plugins.awsdelivery.engine.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

class EcrAuthorizationTokensTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private AwsEmulator aws;
    private EcrEmulator emulator;
    private EcrClient client;
    private EcrAuthorizationTokens tokens;

    @BeforeEach
    void start() throws Exception {
        aws = AwsEmulator.start();
        emulator = EcrEmulator.on(aws, URI.create("http://127.0.0.1:9"), null);
        client = io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection.builder()
                .region("eu-west-1")
                .staticCredentials("AKIATEST", "secret")
                .endpointOverride(aws.endpoint())
                .build()
                .configure(EcrClient.builder())
                .build();
        tokens = new EcrAuthorizationTokens(
                client, EventSink.discard(), clock, EcrAuthorizationTokens.DEFAULT_REFRESH_BEFORE);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
        aws.close();
    }

    private long tokenCalls() {
        return aws.calls().stream()
                .filter(call -> call.operation().equals("GetAuthorizationToken"))
                .count();
    }

    @Test
    void authorization_decodesUserAwsTheTokenAndTheProxyEndpoint() {
        EcrAuthorization authorization = tokens.authorization(emulator.registryHost());

        assertThat(authorization.username()).isEqualTo("AWS");
        assertThat(authorization.credential().password())
                .isEqualTo(emulator.issuedTokens().get(0));
        assertThat(authorization.registryHost()).isEqualTo(emulator.registryHost());
        assertThat(authorization.expiresAt()).isAfter(Instant.now().plus(Duration.ofHours(11)));
    }

    @Test
    void authorization_isCachedPerRegistryWhileFarFromExpiry() {
        tokens.authorization(emulator.registryHost());
        now.set(now.get().plus(Duration.ofHours(11)));

        tokens.authorization(emulator.registryHost());

        assertThat(tokenCalls()).isEqualTo(1);
    }

    @Test
    void authorization_closeToItsTwelveHourExpiry_isFetchedAgainBeforeItExpires() {
        EcrAuthorization first = tokens.authorization(emulator.registryHost());
        now.set(first.expiresAt().minus(Duration.ofMinutes(20)));

        EcrAuthorization second = tokens.authorization(emulator.registryHost());

        assertThat(tokenCalls()).isEqualTo(2);
        assertThat(second.credential()).isNotEqualTo(first.credential());
    }

    @Test
    void refreshed_afterARejection_fetchesANewTokenAtOnce() {
        var logins = tokens.credentialsFor(emulator.registryHost());
        var first = logins.credential();

        var second = logins.refreshedCredential();

        assertThat(second).isNotEqualTo(first);
        assertThat(tokenCalls()).isEqualTo(2);
        assertThat(second.toString()).doesNotContain(second.password());
    }
}
