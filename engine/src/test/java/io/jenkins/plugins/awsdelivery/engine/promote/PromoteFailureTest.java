package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredential;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each refusal is a clear error and leaves the destination as it was. */
class PromoteFailureTest {
    private static final RegistryCredential PUSHER = RegistryCredential.basic("AWS", "s3cret-Pa55");

    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry =
            new LocalRegistry().withBasicAuth(PUSHER.username(), "s3cret-Pa55");

    private static final AtomicInteger repositories = new AtomicInteger();

    private final ImageFixtures source = new ImageFixtures(sourceRegistry);
    private final ImageFixtures destination = new ImageFixtures(destinationRegistry);
    private final String repository = "team/svc" + repositories.incrementAndGet();

    @Test
    void promote_withWrongDestinationPassword_failsNamingTheRegistryAndUser() {
        PushedImage image = source.pushDockerImage(repository, "1.0", 1, 1_000);
        RegistryCredential wrong = RegistryCredential.basic("AWS", "not-the-password");

        assertThatThrownBy(() -> promote(image.reference(), repository + ":1.0", wrong, false))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("401")
                .hasMessageContaining(destinationRegistry.hostPort())
                .hasMessageContaining("user AWS")
                .hasMessageContaining("destination tag is unchanged")
                .message()
                .doesNotContain("not-the-password");
        assertThat(destination.tagDigest(repository, "1.0")).isEmpty();
    }

    @Test
    void promote_withoutDestinationCredentials_saysTheRegistryNeedsThem() {
        PushedImage image = source.pushDockerImage(repository, "1.0", 1, 1_000);

        assertThatThrownBy(() -> promote(image.reference(), repository + ":1.0", RegistryCredential.anonymous(), false))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("needs credentials");
        assertThat(destination.tagDigest(repository, "1.0")).isEmpty();
    }

    @Test
    void promote_whenSourceTagDoesNotExist_failsNamingTheSource() {
        assertThatThrownBy(() ->
                        promote(sourceRegistry.reference(repository + ":missing"), repository + ":1.0", PUSHER, false))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("not found")
                .hasMessageContaining(sourceRegistry.reference(repository + ":missing"));
        assertThat(destination.tagDigest(repository, "1.0")).isEmpty();
    }

    @Test
    void promote_whenTagHeldByOtherDigestWithNoClobber_refusesAndKeepsTag() {
        PushedImage held = destination.pushOciImage(repository, "stable", 1, 1_000);
        PushedImage image = source.pushOciImage(repository, "stable", 1, 1_000);

        assertThatThrownBy(() -> promote(image.reference(), repository + ":stable", PUSHER, true))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("points at " + held.digest())
                .hasMessageContaining("no-clobber");
        assertThat(destination.tagDigest(repository, "stable")).contains(held.digest());
        assertThat(destination.blobExists(repository, image.blobs().get(1))).isFalse();
    }

    @Test
    void promote_whenTagHeldBySameDigestWithNoClobber_succeeds() {
        PushedImage image = source.pushOciImage(repository, "same", 1, 1_000);
        promote(image.reference(), repository + ":same", PUSHER, true);

        PromoteResult again = promote(image.reference(), repository + ":same", PUSHER, true);

        assertThat(again.digest()).isEqualTo(image.digest());
    }

    @Test
    void promote_whenTagHeldByOtherDigestWithoutNoClobber_movesTheTag() {
        destination.pushOciImage(repository, "latest", 1, 1_000);
        PushedImage image = source.pushOciImage(repository, "latest", 1, 1_000);

        promote(image.reference(), repository + ":latest", PUSHER, false);

        assertThat(destination.tagDigest(repository, "latest")).contains(image.digest());
    }

    @Test
    void promote_whenIndexListsAnUnknownManifestMediaType_refusesAndWritesNoManifest() {
        PushedImage child = source.pushOciImage(repository, "child", 1, 1_000);
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                        + "\"manifests\":[{\"mediaType\":\"application/vnd.example.unknown.v1+json\",\"digest\":\""
                        + child.digest() + "\",\"size\":"
                        + source.manifestBytes(repository, "child").length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        source.pushManifest(repository, "odd", ImageFixtures.OCI_INDEX, index);

        assertThatThrownBy(() ->
                        promote(sourceRegistry.reference(repository + ":odd"), repository + ":odd", PUSHER, false))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("application/vnd.example.unknown.v1+json")
                .hasMessageContaining("cannot be copied");
        assertThat(destination.tagDigest(repository, "odd")).isEmpty();
        assertThat(destination.tagDigest(repository, child.digest().toString())).isEmpty();
    }

    private static PromoteResult promote(
            String from, String toRepositoryAndTag, RegistryCredential credential, boolean noClobber) {
        return new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(from))
                        .destination(ImageReference.parse(destinationRegistry.reference(toRepositoryAndTag)))
                        .destinationCredentials(RegistryCredentialProvider.of(credential))
                        .noClobber(noClobber)
                        .build());
    }
}
