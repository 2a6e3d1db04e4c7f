package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.Skopeo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An independent tool, skopeo, sees the same digests at the destination as at the source. */
class PromoteSkopeoCrossCheckTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    @Test
    void promote_ofAnIndex_isSeenBySkopeoWithTheSourceDigests() throws Exception {
        PushedImage index = new ImageFixtures(sourceRegistry).pushOciIndex("team/skopeo", "1.0", 5_000);
        String destination = destinationRegistry.reference("team/skopeo:1.0");

        new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(index.reference()))
                        .destination(ImageReference.parse(destination))
                        .build());

        assertThat(Skopeo.rawManifestDigest(destination)).isEqualTo(index.digest());
        for (Digest child : index.children()) {
            String byDigest = destinationRegistry.reference("team/skopeo@" + child);
            assertThat(Skopeo.rawManifestDigest(byDigest)).isEqualTo(child);
        }
        String amd64 = Skopeo.digest(destination, "--override-os=linux", "--override-arch=amd64");
        assertThat(amd64).isEqualTo(index.digest().toString());
    }
}
