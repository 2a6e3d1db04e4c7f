package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Within one registry, blobs are mounted: the layers' bytes never travel, which a counting proxy proves. */
class PromoteWithinRegistryTest {
    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    private final TcpProxy proxy = TcpProxy.to(registry.port());
    private final ImageFixtures images = new ImageFixtures(registry);

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void promote_intoAnotherRepositoryOfTheSameRegistry_mountsBlobsAndMovesNoLayerBytes() {
        PushedImage image = images.pushDockerImage("dev/app", "1.0", 3, 1_000_000);
        long storedBefore = registry.storageBytes();
        proxy.resetCounters();

        PromoteResult result = new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(proxy.hostPort() + "/dev/app:1.0"))
                        .destination(ImageReference.parse(proxy.hostPort() + "/prod/app:1.0"))
                        .build());

        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(result.blobsMounted()).isEqualTo(4);
        assertThat(result.blobsCopied()).isZero();
        assertThat(result.bytesCopied()).isZero();
        assertThat(proxy.bytesFromClients() + proxy.bytesToClients())
                .as("bytes through the registry's port")
                .isLessThan(100_000);
        assertThat(registry.storageBytes() - storedBefore).as("storage growth").isLessThan(100_000);
        assertThat(images.tagDigest("prod/app", "1.0")).contains(image.digest());
    }

    @Test
    void promote_whenRepeatedWithinTheSameRegistry_skipsEveryBlob() {
        PushedImage image = images.pushOciImage("dev/web", "2.0", 2, 10_000);
        PromoteRequest request = PromoteRequest.builder()
                .source(ImageReference.parse(registry.reference("dev/web:2.0")))
                .destination(ImageReference.parse(registry.reference("prod/web:2.0")))
                .build();
        new Promoter().promote(request);

        PromoteResult repeat = new Promoter().promote(request);

        assertThat(repeat.blobsSkipped()).isEqualTo(image.blobs().size());
        assertThat(repeat.blobsMounted() + repeat.blobsCopied()).isZero();
    }
}
