package io.jenkins.plugins.awsdelivery.engine.promote;

import static io.jenkins.plugins.awsdelivery.engine.promote.FaultFixtures.assertCopiedWithSameDigests;
import static io.jenkins.plugins.awsdelivery.engine.promote.FaultFixtures.openUploadSessions;
import static io.jenkins.plugins.awsdelivery.engine.promote.FaultFixtures.uploadRequests;
import static io.jenkins.plugins.awsdelivery.engine.testing.registry.Skopeo.rawManifestDigest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DESTINATION registry misbehaves during uploads and the final tag write (through a {@link FaultProxy}): each
 * promotion either completes with the source digests, or fails (or is aborted) with the tag where it was and its upload
 * sessions cancelled. One blob at a time, so that the requests the proxy counts are deterministic.
 */
class FaultInjectionDestinationTest {
    private static final int LAYER = 200_000;

    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private static final AtomicInteger repositories = new AtomicInteger();

    private final ImageFixtures source = new ImageFixtures(sourceRegistry);
    private final ImageFixtures destination = new ImageFixtures(destinationRegistry);
    private final String repository = "team/dest-fault" + repositories.incrementAndGet();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final FaultFixtures.RecordingEvents events = new FaultFixtures.RecordingEvents();
    private FaultProxy destinationProxy;

    @BeforeEach
    void startProxy() throws IOException {
        destinationProxy = FaultProxy.start(destinationRegistry.url());
    }

    @AfterEach
    void closeProxy() {
        destinationProxy.close();
    }

    @Test
    void promote_whenAnUploadPatchAnswers503Once_retriesTheBlobAndCompletes() {
        PushedImage image = source.pushOciImage(repository, "1.0", 1, LAYER);
        destinationProxy.inject(Fault.on("PATCH", "/blobs/uploads/").status(503));

        PromoteResult result = promote("1.0");

        assertThat(destinationProxy.faultsFired()).isEqualTo(1);
        assertThat(result.digest()).isEqualTo(image.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", image);
        assertThat(uploadRequests(destinationProxy, "DELETE", repository)).hasSize(1);
        assertThat(openUploadSessions(destinationRegistry, repository)).isEmpty();
    }

    @Test
    void promote_whenEveryUploadPatchAnswers503_failsCancelsEverySessionAndKeepsTheTag() {
        PushedImage before = destination.pushOciImage(repository, "1.0", 1, 1_000);
        source.pushOciImage(repository, "1.0", 1, LAYER);
        destinationProxy.inject(Fault.on("PATCH", "/blobs/uploads/").every().status(503));

        assertThatThrownBy(() -> promote("1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("destination tag is unchanged");
        assertThat(destination.tagDigest(repository, "1.0")).contains(before.digest());
        assertThat(uploadRequests(destinationProxy, "DELETE", repository))
                .hasSameSizeAs(uploadRequests(destinationProxy, "POST", repository))
                .hasSize(3);
        assertThat(openUploadSessions(destinationRegistry, repository)).isEmpty();
    }

    @Test
    void promote_whenTheUploadConnectionDropsOnce_retriesTheBlobAndCompletes() {
        PushedImage image = source.pushOciImage(repository, "1.0", 1, LAYER);
        // The config blob goes first (one blob at a time), so the second PATCH carries the layer.
        destinationProxy.inject(
                Fault.on("PATCH", "/blobs/uploads/").occurrence(2).dropRequestAfterBytes(LAYER / 2));

        PromoteResult result = promote("1.0");

        assertThat(destinationProxy.faultsFired()).isEqualTo(1);
        assertThat(result.digest()).isEqualTo(image.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", image);
        assertThat(events.warnings).anySatisfy(w -> assertThat(w)
                .contains("copying blob " + image.blobs().get(1)));
        assertThat(uploadRequests(destinationProxy, "DELETE", repository)).hasSize(1);
    }

    @Test
    void promote_whenEveryBlobCommitAnswers503_failsAndCancelsTheFilledSessions() {
        source.pushOciImage(repository, "1.0", 1, LAYER);
        destinationProxy.inject(
                Fault.on("PUT", "/blobs/uploads/.*digest=").every().status(503));

        assertThatThrownBy(() -> promote("1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("destination tag is unchanged");
        assertThat(destination.tagDigest(repository, "1.0")).isEmpty();
        assertThat(uploadRequests(destinationProxy, "DELETE", repository)).hasSize(3);
        assertThat(openUploadSessions(destinationRegistry, repository))
                .as("sessions holding the whole blob are removed")
                .isEmpty();
    }

    @Test
    void promote_whenTheTagPutAnswers500Once_retriesAndTheTagHasTheSourceDigest() throws Exception {
        PushedImage index = source.pushOciIndex(repository, "1.0", 1_000);
        destinationProxy.inject(Fault.on("PUT", "/manifests/1\\.0$").status(500));

        PromoteResult result = promote("1.0");

        assertThat(destinationProxy.faultsFired()).isEqualTo(1);
        assertThat(waits).hasSize(1);
        assertThat(result.digest()).isEqualTo(index.digest());
        assertCopiedWithSameDigests(destination, repository, "1.0", index);
        assertThat(rawManifestDigest(destinationRegistry.reference(repository + ":1.0")))
                .isEqualTo(index.digest());
    }

    @Test
    void promote_whenEveryTagPutAnswers500_failsAndTheTagKeepsItsPreviousDigest() {
        PushedImage before = destination.pushOciImage(repository, "1.0", 1, 1_000);
        PushedImage index = source.pushOciIndex(repository, "1.0", 1_000);
        destinationProxy.inject(Fault.on("PUT", "/manifests/1\\.0$").every().status(500));

        assertThatThrownBy(() -> promote("1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("writing manifest " + index.digest() + " to " + destinationProxy.hostPort() + "/"
                        + repository + ":1.0")
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("destination tag is unchanged");
        assertThat(destination.tagDigest(repository, "1.0")).contains(before.digest());
        for (Digest child : index.children()) {
            assertThat(Digest.sha256(destination.manifestBytes(repository, child.toString())))
                    .as("children are written before the tag")
                    .isEqualTo(child);
        }
    }

    /**
     * An aborted build interrupts the thread that runs the promotion while a blob is being uploaded (the registry's
     * answer is held back): the promotion stops with an {@link OperationAbortedException}, not a failure, keeps the
     * interrupt flag, cancels its upload session on the registry and leaves the destination tag where it was.
     */
    @Test
    void promote_whenTheCallingThreadIsInterruptedDuringAnUpload_abortsCancelsTheSessionAndKeepsTheTag()
            throws Exception {
        PushedImage before = destination.pushOciImage(repository, "1.0", 1, 1_000);
        source.pushOciImage(repository, "1.0", 2, LAYER);
        destinationProxy.inject(Fault.on("PATCH", "/blobs/uploads/").every().stall(Duration.ofSeconds(60)));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptFlag = new AtomicBoolean();
        Thread build = new Thread(() -> {
            try {
                promote("1.0");
            } catch (RuntimeException e) {
                thrown.set(e);
                interruptFlag.set(Thread.currentThread().isInterrupted());
            }
        });

        build.start();
        while (uploadRequests(destinationProxy, "PATCH", repository).isEmpty() && build.isAlive()) {
            Thread.sleep(20);
        }
        build.interrupt();
        build.join(60_000);

        assertThat(build.isAlive()).as("the promotion stopped").isFalse();
        assertThat(thrown.get())
                .isInstanceOf(OperationAbortedException.class)
                .isNotInstanceOf(DeliveryException.class)
                .hasMessageContaining("promoting " + sourceRegistry.reference(repository + ":1.0"))
                .hasMessageContaining("the destination tag is unchanged")
                .hasMessageEndingWith(": aborted");
        assertThat(interruptFlag).as("interrupt flag kept").isTrue();
        assertThat(uploadRequests(destinationProxy, "DELETE", repository))
                .as("upload sessions cancelled")
                .hasSameSizeAs(uploadRequests(destinationProxy, "POST", repository));
        assertThat(openUploadSessions(destinationRegistry, repository)).isEmpty();
        assertThat(destination.tagDigest(repository, "1.0")).contains(before.digest());
    }

    private PromoteResult promote(String tag) {
        return new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(sourceRegistry.reference(repository + ":" + tag)))
                        .destination(ImageReference.parse(destinationProxy.hostPort() + "/" + repository + ":" + tag))
                        .retryPolicy(FaultFixtures.fastRetries(waits))
                        .parallelism(1)
                        .events(events)
                        .build());
    }
}
