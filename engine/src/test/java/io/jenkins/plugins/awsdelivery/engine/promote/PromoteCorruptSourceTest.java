package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A source registry serving a blob whose content no longer matches its digest never gets it committed. */
class PromoteCorruptSourceTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    @Test
    void promote_whenSourceBlobContentDoesNotMatchItsDigest_failsWithoutCommittingItOrTheTag() throws Exception {
        PushedImage image = new ImageFixtures(sourceRegistry).pushDockerImage("team/rot", "1.0", 1, 50_000);
        Digest layer = image.blobs().get(1);
        Path data = sourceRegistry
                .storage()
                .resolve(
                        "docker/registry/v2/blobs/sha256/" + layer.hex().substring(0, 2) + "/" + layer.hex() + "/data");
        Files.write(data, ImageFixtures.randomBytes(50_000));
        ImageFixtures destination = new ImageFixtures(destinationRegistry);

        assertThatThrownBy(() -> new Promoter()
                        .promote(PromoteRequest.builder()
                                .source(ImageReference.parse(image.reference()))
                                .destination(ImageReference.parse(destinationRegistry.reference("team/rot:1.0")))
                                .build()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("blob " + layer + " arrived with digest");
        assertThat(destination.blobExists("team/rot", layer)).isFalse();
        assertThat(destination.tagDigest("team/rot", "1.0")).isEmpty();
    }
}
