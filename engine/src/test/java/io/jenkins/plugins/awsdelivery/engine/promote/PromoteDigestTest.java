package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.MediaTypes;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Promotion between two real registries keeps the digest of every kind of image, and a repeat copies nothing. */
class PromoteDigestTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private static final AtomicInteger repositories = new AtomicInteger();

    private final ImageFixtures source = new ImageFixtures(sourceRegistry);
    private final ImageFixtures destination = new ImageFixtures(destinationRegistry);
    private final String repository = "team/app" + repositories.incrementAndGet();

    @Test
    void promote_whenDockerV2Image_keepsDigestAndMediaType() {
        PushedImage image = source.pushDockerImage(repository, "1.0", 3, 100_000);

        PromoteResult result = promote(image.reference(), destinationRegistry.reference(repository + ":1.0"));

        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(result.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(destination.tagDigest(repository, "1.0")).contains(image.digest());
        assertThat(destination.manifestMediaType(repository, "1.0")).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(result.blobsCopied()).isEqualTo(4);
        assertThat(result.bytesCopied()).isGreaterThanOrEqualTo(300_000);
    }

    @Test
    void promote_whenOciImage_keepsDigest() {
        PushedImage image = source.pushOciImage(repository, "2.0", 2, 50_000);

        PromoteResult result = promote(image.reference(), destinationRegistry.reference(repository + ":2.0"));

        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(result.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(destination.tagDigest(repository, "2.0")).contains(image.digest());
    }

    @Test
    void promote_whenOciIndexWithTwoPlatforms_keepsDigestOfIndexAndEveryChild() {
        PushedImage index = source.pushOciIndex(repository, "multi", 20_000);

        PromoteResult result = promote(index.reference(), destinationRegistry.reference(repository + ":multi"));

        assertThat(result.digest()).isEqualTo(index.digest());
        assertThat(result.manifests()).isEqualTo(3);
        assertThat(destination.tagDigest(repository, "multi")).contains(index.digest());
        for (Digest child : index.children()) {
            assertThat(Digest.sha256(destination.manifestBytes(repository, child.toString())))
                    .isEqualTo(child);
        }
        for (Digest blob : index.blobs()) {
            assertThat(destination.blobExists(repository, blob))
                    .as(blob.toString())
                    .isTrue();
        }
    }

    @Test
    void promote_whenManifestJsonIsNotCanonical_keepsExactBytes() {
        PushedImage image = source.pushNonCanonicalImage(repository, "odd", 10_000);

        promote(image.reference(), destinationRegistry.reference(repository + ":odd"));

        assertThat(destination.manifestBytes(repository, "odd")).isEqualTo(source.manifestBytes(repository, "odd"));
        assertThat(destination.tagDigest(repository, "odd")).contains(image.digest());
    }

    @Test
    void promote_whenRepeated_copiesNoBlobAndKeepsDigest() {
        PushedImage image = source.pushOciIndex(repository, "again", 10_000);
        promote(image.reference(), destinationRegistry.reference(repository + ":again"));

        PromoteResult repeat = promote(image.reference(), destinationRegistry.reference(repository + ":again"));

        assertThat(repeat.blobsCopied()).isZero();
        assertThat(repeat.bytesCopied()).isZero();
        assertThat(repeat.blobsSkipped()).isEqualTo(image.blobs().size());
        assertThat(repeat.digest()).isEqualTo(image.digest());
    }

    @Test
    void promote_whenDestinationHasNoTag_usesTheSourceTag() {
        PushedImage image = source.pushOciImage(repository, "3.1", 1, 1_000);

        PromoteResult result = promote(image.reference(), destinationRegistry.reference(repository));

        assertThat(destination.tagDigest(repository, "3.1")).contains(image.digest());
        assertThat(result.destination())
                .isEqualTo(destinationRegistry.reference(repository + ":3.1@" + image.digest()));
    }

    @Test
    void promote_whenSourceNamedByDigest_copiesThatDigest() {
        PushedImage image = source.pushDockerImage(repository, "byDigest", 1, 1_000);
        String bydigest = sourceRegistry.reference(repository + "@" + image.digest());

        PromoteResult result = promote(bydigest, destinationRegistry.reference(repository + ":prod"));

        assertThat(destination.tagDigest(repository, "prod")).contains(image.digest());
        assertThat(result.source()).isEqualTo(bydigest);
    }

    @Test
    void promote_whenDryRun_reportsThePlanAndWritesNothing() {
        PushedImage image = source.pushDockerImage(repository, "plan", 2, 1_000);

        PromoteResult result = new Promoter()
                .promote(request(image.reference(), destinationRegistry.reference(repository + ":plan"))
                        .dryRun(true)
                        .build());

        assertThat(result.blobsCopied()).isEqualTo(3);
        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(destination.tagDigest(repository, "plan")).isEmpty();
        assertThat(image.blobs()).noneMatch(blob -> destination.blobExists(repository, blob));
    }

    private static PromoteResult promote(String from, String to) {
        return new Promoter().promote(request(from, to).build());
    }

    static PromoteRequest.Builder request(String from, String to) {
        return PromoteRequest.builder().source(ImageReference.parse(from)).destination(ImageReference.parse(to));
    }
}
