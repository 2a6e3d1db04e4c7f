package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Windows-style images name foreign layers by URL; the registry does not hold them and promotion does not copy them. */
class PromoteForeignLayerTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry().withForeignLayers();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry().withForeignLayers();

    @Test
    void promote_whenImageHasAForeignLayer_copiesTheRestAndKeepsDigest() {
        ImageFixtures source = new ImageFixtures(sourceRegistry);
        byte[] config =
                "{\"architecture\":\"amd64\",\"os\":\"windows\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                        .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = source.pushBlob("win/app", config);
        byte[] layer = ImageFixtures.randomBytes(1_000);
        Digest layerDigest = source.pushBlob("win/app", layer);
        Digest foreign = Digest.sha256("kept elsewhere".getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + ImageFixtures.DOCKER_MANIFEST + "\",\"config\":"
                + "{\"mediaType\":\"" + ImageFixtures.DOCKER_CONFIG + "\",\"size\":" + config.length + ",\"digest\":\""
                + configDigest + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip\",\"size\":14,\"digest\":\"" + foreign
                + "\",\"urls\":[\"https://foreign.example/blobs/" + foreign + "\"]},{\"mediaType\":\""
                + ImageFixtures.DOCKER_LAYER + "\",\"size\":" + layer.length + ",\"digest\":\"" + layerDigest + "\"}]}";
        Digest digest = source.pushManifest(
                "win/app", "ltsc", ImageFixtures.DOCKER_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));

        PromoteResult result = new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(sourceRegistry.reference("win/app:ltsc")))
                        .destination(ImageReference.parse(destinationRegistry.reference("win/app:ltsc")))
                        .build());

        assertThat(result.digest()).isEqualTo(digest);
        assertThat(result.blobsCopied()).isEqualTo(2);
        assertThat(new ImageFixtures(destinationRegistry).tagDigest("win/app", "ltsc"))
                .contains(digest);
    }
}
