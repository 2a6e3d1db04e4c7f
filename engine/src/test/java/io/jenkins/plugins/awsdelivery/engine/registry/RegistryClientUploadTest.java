package io.jenkins.plugins.awsdelivery.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every upload mode stores the blob under its digest, and wrong content never gets committed. */
class RegistryClientUploadTest {
    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    private final ImageFixtures images = new ImageFixtures(registry);

    @Test
    void pushBlob_inOnePatch_storesTheBlob() throws IOException {
        assertUploads(RegistryTransport.builder().build(), 300_000);
    }

    @Test
    void pushBlob_inChunks_storesTheBlob() throws IOException {
        assertUploads(RegistryTransport.builder().uploadChunkSize(64 * 1024).build(), 300_000);
    }

    @Test
    void pushBlob_monolithic_storesTheBlob() throws IOException {
        assertUploads(RegistryTransport.builder().monolithicUploads(true).build(), 300_000);
    }

    @Test
    void pushBlob_whenSizeIsAMultipleOfTheReadChunk_storesTheBlob() throws IOException {
        assertUploads(RegistryTransport.builder().build(), 2 * InputStreamPublisher.CHUNK);
    }

    @Test
    void pushBlob_monolithicWhenSizeIsAMultipleOfTheReadChunk_storesTheBlob() throws IOException {
        assertUploads(RegistryTransport.builder().monolithicUploads(true).build(), InputStreamPublisher.CHUNK);
    }

    @Test
    void pushBlob_whenBlobIsEmpty_storesIt() throws IOException {
        assertUploads(RegistryTransport.builder().uploadChunkSize(64 * 1024).build(), 0);
    }

    @Test
    void pushBlob_throughTheJdkClient_storesTheBlob() throws IOException {
        // The path taken when a proxy is configured for the registry.
        assertUploads(RegistryTransport.builder().jdkClientForBlobs(true).build(), 300_000);
        assertUploads(
                RegistryTransport.builder()
                        .jdkClientForBlobs(true)
                        .monolithicUploads(true)
                        .build(),
                300_000);
    }

    @Test
    void openBlob_throughTheJdkClient_streamsTheContentVerified() throws IOException {
        byte[] content = ImageFixtures.randomBytes(200_000);
        Digest digest = images.pushBlob("team/download", content);
        RegistryClient client =
                client(RegistryTransport.builder().jdkClientForBlobs(true).build(), "team/download");

        try (InputStream in = client.openBlob(Descriptor.of(null, digest, content.length))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void pushBlob_whenContentDoesNotMatchTheDigest_failsAndStoresNothing() {
        byte[] content = ImageFixtures.randomBytes(100_000);
        Descriptor claimed = Descriptor.of("application/octet-stream", Digest.sha256(new byte[100_000]), 100_000);
        RegistryClient client = client(RegistryTransport.builder().build(), "team/upload");

        assertThatThrownBy(() -> client.pushBlob(claimed, null, () -> new ByteArrayInputStream(content)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("arrived with digest");
        assertThat(images.blobExists("team/upload", claimed.digest())).isFalse();
    }

    @Test
    void openBlob_streamsTheContentVerified() throws IOException {
        byte[] content = ImageFixtures.randomBytes(200_000);
        Digest digest = images.pushBlob("team/download", content);
        RegistryClient client = client(RegistryTransport.builder().build(), "team/download");

        try (InputStream in = client.openBlob(Descriptor.of(null, digest, content.length))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    private void assertUploads(RegistryTransport transport, int size) throws IOException {
        byte[] content = ImageFixtures.randomBytes(size);
        Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), size);
        RegistryClient client = client(transport, "team/upload");

        BlobPush push = client.pushBlob(blob, null, () -> new ByteArrayInputStream(content));

        assertThat(push).isEqualTo(BlobPush.UPLOADED);
        assertThat(client.blobExists(blob.digest())).isTrue();
        assertThat(images.blobExists("team/upload", blob.digest())).isTrue();
    }

    private static RegistryClient client(RegistryTransport transport, String repository) {
        return RegistryClient.forPush(
                transport,
                ImageReference.parse(registry.reference(repository)),
                RegistryCredentialProvider.anonymous(),
                List.of());
    }
}
