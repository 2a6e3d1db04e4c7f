package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RetryPolicy;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.TcpProxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The source connection drops in the middle of a blob: the copy retries, or fails leaving the tag untouched. */
class PromoteConnectionDropTest {
    private static final int LAYER = 2_000_000;

    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private static final AtomicInteger repositories = new AtomicInteger();

    private final TcpProxy proxy = TcpProxy.to(sourceRegistry.port());
    private final ImageFixtures source = new ImageFixtures(sourceRegistry);
    private final ImageFixtures destination = new ImageFixtures(destinationRegistry);
    private final String repository = "team/drop" + repositories.incrementAndGet();
    private final AtomicInteger sleeps = new AtomicInteger();
    private final RetryPolicy fastRetries = RetryPolicy.builder()
            .maxAttempts(3)
            .sleeper(duration -> sleeps.incrementAndGet())
            .stallTimeout(Duration.ofSeconds(5))
            .build();

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void promote_whenConnectionDropsOnceInTheMiddleOfABlob_retriesAndKeepsDigest() {
        PushedImage image = source.pushDockerImage(repository, "1.0", 1, LAYER);
        proxy.cutConnectionsAfter(LAYER / 2, 1);

        PromoteResult result = promote(repository + ":1.0");

        assertThat(proxy.connectionsCut()).isEqualTo(1);
        assertThat(sleeps.get()).as("retries").isGreaterThanOrEqualTo(1);
        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(destination.tagDigest(repository, "1.0")).contains(image.digest());
    }

    @Test
    void promote_whenConnectionAlwaysDropsInTheMiddleOfABlob_failsAndLeavesTheTagUntouched() {
        PushedImage before = destination.pushOciImage(repository, "1.0", 1, 1_000);
        source.pushDockerImage(repository, "1.0", 1, LAYER);
        proxy.cutConnectionsAfter(LAYER / 2, Integer.MAX_VALUE);

        assertThatThrownBy(() -> promote(repository + ":1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("destination tag is unchanged");
        assertThat(destination.tagDigest(repository, "1.0")).contains(before.digest());
    }

    private PromoteResult promote(String repositoryAndTag) {
        return new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(proxy.hostPort() + "/" + repositoryAndTag))
                        .destination(ImageReference.parse(destinationRegistry.reference(repositoryAndTag)))
                        .retryPolicy(fastRetries)
                        .build());
    }
}
