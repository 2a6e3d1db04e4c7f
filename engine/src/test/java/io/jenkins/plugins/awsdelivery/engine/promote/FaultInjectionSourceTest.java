package io.jenkins.plugins.awsdelivery.engine.promote;

import static io.jenkins.plugins.awsdelivery.engine.promote.FaultFixtures.assertCopiedWithSameDigests;
import static io.jenkins.plugins.awsdelivery.engine.promote.FaultFixtures.uploadRequests;
import static io.jenkins.plugins.awsdelivery.engine.testing.registry.Skopeo.rawManifestDigest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.faults.Fault;
import io.jenkins.plugins.awsdelivery.engine.testing.faults.FaultProxy;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SOURCE registry misbehaves (through a {@link FaultProxy}): each promotion either completes with the source
 * digests for the index and every child, or fails with a clear error and the destination tag where it was.
 *
 * <p>When the source breaks off in the middle of a blob, the upload to the destination breaks off too, and the client
 * sends {@code DELETE} for the session. Distribution then refuses it (its {@code _state} token names the offset before
 * the partial body), so such sessions stay until the registry purges old uploads: these tests check that the
 * cancellation is sent, {@code FaultInjectionDestinationTest} that it removes sessions the registry can cancel.
 */
class FaultInjectionSourceTest {
    private static final int LAYER = 200_000;

    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private static final AtomicInteger repositories = new AtomicInteger();

    private final ImageFixtures source = new ImageFixtures(sourceRegistry);
    private final ImageFixtures destination = new ImageFixtures(destinationRegistry);
    private final String repository = "team/src-fault" + repositories.incrementAndGet();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final FaultFixtures.RecordingEvents events = new FaultFixtures.RecordingEvents();
    private FaultProxy sourceProxy;
    private FaultProxy destinationProxy;

    @BeforeEach
    void startProxies() throws IOException {
        sourceProxy = FaultProxy.start(sourceRegistry.url());
        destinationProxy = FaultProxy.start(destinationRegistry.url());
    }

    @AfterEach
    void closeProxies() {
        sourceProxy.close();
        destinationProxy.close();
    }

    @Test
    void promote_whenABlobDownloadDropsMidBodyOnce_retriesAndEveryDigestMatches() throws Exception {
        PushedImage index = source.pushOciIndex(repository, "1.0", LAYER);
        Digest layer = index.blobs().get(1);
        sourceProxy.inject(Fault.on("GET", "/blobs/" + layer).dropAfterBytes(LAYER / 2));

        PromoteResult result = promote("1.0");

        assertThat(sourceProxy.faultsFired()).isEqualTo(1);
        assertThat(events.warnings).anySatisfy(w -> assertThat(w).contains("copying blob " + layer + " failed"));
        assertThat(result.digest()).isEqualTo(index.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", index);
        assertThat(rawManifestDigest(destinationRegistry.reference(repository + ":1.0")))
                .isEqualTo(index.digest());
        for (Digest child : index.children()) {
            assertThat(rawManifestDigest(destinationRegistry.reference(repository + "@" + child)))
                    .isEqualTo(child);
        }
    }

    @Test
    void promote_whenABlobDownloadStallsLongerThanTheStallTimeout_abortsItAndRetries() {
        PushedImage image = source.pushOciImage(repository, "1.0", 1, LAYER);
        Digest layer = image.blobs().get(1);
        sourceProxy.inject(Fault.on("GET", "/blobs/" + layer).stallAfterBytes(LAYER / 4, Duration.ofSeconds(20)));
        long start = System.nanoTime();

        PromoteResult result = promote("1.0");

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("did not wait for the stalled stream")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(events.warnings).anySatisfy(w -> assertThat(w).contains("no data for 1 s"));
        assertThat(result.digest()).isEqualTo(image.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", image);
    }

    @Test
    void promote_whenABlobDownloadAlwaysStalls_failsNamingTheBlobAndKeepsTheTag() {
        PushedImage before = destination.pushOciImage(repository, "1.0", 1, 1_000);
        PushedImage image = source.pushOciImage(repository, "1.0", 1, LAYER);
        Digest layer = image.blobs().get(1);
        sourceProxy.inject(
                Fault.on("GET", "/blobs/" + layer).every().stallAfterBytes(LAYER / 4, Duration.ofSeconds(20)));

        assertThatThrownBy(() -> promote("1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("copying blob " + layer + " failed after 3 attempts")
                .hasMessageContaining("no data for 1 s")
                .hasMessageContaining("destination tag is unchanged");
        assertThat(destination.tagDigest(repository, "1.0")).contains(before.digest());
        assertThat(destination.blobExists(repository, layer)).isFalse();
        assertThat(uploadRequests(destinationProxy, "DELETE", repository))
                .as("the session of each failed attempt is cancelled")
                .hasSize(3)
                .hasSize(uncommittedSessions());
    }

    @Test
    void promote_whenTheManifestAnswerStallsLongerThanTheResponseTimeout_retriesAndCompletes() {
        PushedImage image = source.pushOciImage(repository, "1.0", 1, 1_000);
        sourceProxy.inject(Fault.on("GET", "/manifests/1.0$").stall(Duration.ofSeconds(6)));

        PromoteResult result = promote("1.0");

        assertThat(sourceProxy.faultsFired()).isEqualTo(1);
        assertThat(result.digest()).isEqualTo(image.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", image);
    }

    @Test
    void promote_whenAManifestBodyIsTruncatedOnce_retriesAndCompletes() {
        PushedImage index = source.pushOciIndex(repository, "1.0", 1_000);
        sourceProxy.inject(Fault.on("GET", "/manifests/sha256:").dropAfterBytes(100));

        PromoteResult result = promote("1.0");

        assertThat(sourceProxy.faultsFired()).isEqualTo(1);
        assertThat(result.digest()).isEqualTo(index.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", index);
    }

    @Test
    void promote_whenAManifestBodyStallsLongerThanTheStallTimeout_abortsItAndRetries() {
        PushedImage image = source.pushOciImage(repository, "1.0", 1, 1_000);
        sourceProxy.inject(Fault.on("GET", "/manifests/1\\.0$").stallAfterBytes(50, Duration.ofSeconds(20)));
        long start = System.nanoTime();

        PromoteResult result = promote("1.0");

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("did not wait for the stalled manifest")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(result.digest()).isEqualTo(image.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", image);
    }

    @Test
    void promote_whenAManifestBodyIsAlwaysTruncated_failsNamingTheManifestAndWritesNothing() {
        PushedImage index = source.pushOciIndex(repository, "1.0", 1_000);
        sourceProxy.inject(Fault.on("GET", "/manifests/sha256:").every().dropAfterBytes(100));

        assertThatThrownBy(() -> promote("1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("reading manifest " + sourceProxy.hostPort() + "/" + repository + "@"
                        + index.children().get(0))
                .hasMessageContaining("destination tag is unchanged");
        assertThat(destination.tagDigest(repository, "1.0")).isEmpty();
        assertThat(destinationProxy.requests()).noneMatch(r -> r.startsWith("PUT") || r.startsWith("POST"));
    }

    @Test
    void promote_whenTheSecondManifestGetAnswers500_retriesAndCompletes() {
        PushedImage index = source.pushOciIndex(repository, "1.0", 1_000);
        sourceProxy.inject(Fault.on("GET", "/manifests/").occurrence(2).status(500));

        PromoteResult result = promote("1.0");

        assertThat(sourceProxy.faultsFired()).isEqualTo(1);
        assertThat(waits).hasSize(1);
        assertThat(result.digest()).isEqualTo(index.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", index);
    }

    @Test
    void promote_whenEveryChildManifestGetAnswers500_failsNamingTheStatusAndKeepsTheTag() {
        PushedImage before = destination.pushOciImage(repository, "1.0", 1, 1_000);
        PushedImage index = source.pushOciIndex(repository, "1.0", 1_000);
        sourceProxy.inject(Fault.on("GET", "/manifests/sha256:").every().status(500));

        assertThatThrownBy(() -> promote("1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("reading manifest " + sourceProxy.hostPort() + "/" + repository + "@"
                        + index.children().get(0))
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("destination tag is unchanged");
        assertThat(destination.tagDigest(repository, "1.0")).contains(before.digest());
        assertThat(destination.blobExists(repository, index.blobs().get(0))).isFalse();
        assertThat(destinationProxy.requests()).noneMatch(r -> r.startsWith("PUT") || r.startsWith("POST"));
    }

    @Test
    void promote_whenTheSourceAnswers429WithRetryAfter_waitsAsToldAndCompletes() {
        PushedImage image = source.pushOciImage(repository, "1.0", 1, LAYER);
        sourceProxy.inject(Fault.on("GET", "/blobs/" + image.blobs().get(1)).status(429, "1"));

        PromoteResult result = promote("1.0");

        assertThat(sourceProxy.faultsFired()).isEqualTo(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(result.digest()).isEqualTo(image.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", image);
    }

    @Test
    void promote_whenABlobsBytesDoNotMatchItsDigest_refusesNamingBlobAndSourceAndNeverCommitsIt() {
        PushedImage image = source.pushOciImage(repository, "1.0", 1, LAYER);
        Digest layer = image.blobs().get(1);
        sourceProxy.inject(Fault.on("GET", "/blobs/" + layer).every().corruptAfterBytes(LAYER / 3));

        assertThatThrownBy(() -> promote("1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining(sourceProxy.hostPort() + "/" + repository + ":1.0")
                .hasMessageContaining("blob " + layer + " arrived with digest")
                .hasMessageContaining("destination tag is unchanged");
        assertThat(destination.blobExists(repository, layer))
                .as("HEAD of the corrupt blob")
                .isFalse();
        assertThat(destination.tagDigest(repository, "1.0")).isEmpty();
        assertThat(uploadRequests(destinationProxy, "PUT", repository))
                .as("no upload committed with the corrupt digest")
                .noneMatch(r -> r.contains(layer.hex()));
        assertThat(sourceProxy.requests())
                .as("the corrupt blob is not retried")
                .filteredOn(r -> r.startsWith("GET ") && r.contains(layer.toString()))
                .hasSize(1);
        // Fail-fast may interrupt another blob's upload after its commit PUT left but before it was answered; that
        // session is cancelled too, so there can be more DELETEs than sessions without a commit request.
        assertThat(uploadRequests(destinationProxy, "DELETE", repository))
                .as("every session not committed is cancelled")
                .isNotEmpty()
                .hasSizeGreaterThanOrEqualTo(uncommittedSessions());
    }

    /** Upload sessions opened at the destination minus those committed. */
    private int uncommittedSessions() {
        return uploadRequests(destinationProxy, "POST", repository).size()
                - (int) uploadRequests(destinationProxy, "PUT", repository).stream()
                        .filter(r -> r.contains("digest="))
                        .count();
    }

    private PromoteResult promote(String tag) {
        return new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(sourceProxy.hostPort() + "/" + repository + ":" + tag))
                        .destination(ImageReference.parse(destinationProxy.hostPort() + "/" + repository + ":" + tag))
                        .retryPolicy(FaultFixtures.fastRetries(waits))
                        .events(events)
                        .build());
    }
}
