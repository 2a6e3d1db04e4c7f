package io.jenkins.plugins.awsdelivery.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.TcpProxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client retries 5xx and 429 (waiting as {@code Retry-After} says) and gives up after the policy's attempts. */
class RegistryClientRetryTest {
    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    private final TcpProxy proxy = TcpProxy.to(registry.port());
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final RetryPolicy policy = RetryPolicy.builder()
            .maxAttempts(4)
            .initialDelay(Duration.ofMillis(100))
            .maxRetryAfter(Duration.ofSeconds(30))
            .sleeper(waits::add)
            .build();

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void pullManifest_whenRegistryAnswers503WithRetryAfter_waitsAsToldAndSucceeds() {
        PushedImage image = new ImageFixtures(registry).pushOciImage("team/retry", "1.0", 1, 100);
        proxy.answerNextConnections(2, 503, "Retry-After: 7");

        ImageManifest manifest = client().pullManifest("1.0");

        assertThat(manifest.digest()).isEqualTo(image.digest());
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
    }

    @Test
    void pullManifest_whenRegistryAnswers429WithoutRetryAfter_backsOffExponentially() {
        PushedImage image = new ImageFixtures(registry).pushOciImage("team/retry", "2.0", 1, 100);
        proxy.answerNextConnections(3, 429);

        ImageManifest manifest = client().pullManifest("2.0");

        assertThat(manifest.digest()).isEqualTo(image.digest());
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void pullManifest_whenRegistryKeepsFailing_givesUpAfterMaxAttemptsNamingTheStatus() {
        proxy.answerNextConnections(100, 502);

        assertThatThrownBy(() -> client().pullManifest("1.0"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("502");
        assertThat(waits).hasSize(3);
    }

    private RegistryClient client() {
        RegistryTransport transport =
                RegistryTransport.builder().retryPolicy(policy).build();
        return RegistryClient.forPull(
                transport,
                ImageReference.parse(proxy.hostPort() + "/team/retry"),
                RegistryCredentialProvider.anonymous());
    }
}
