package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.registry.RetryPolicy;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.faults.FaultProxy;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** What the fault tests check after a promotion through a {@link FaultProxy}, read from the real registries. */
final class FaultFixtures {
    /** Short timeouts so that stalls are detected in about a second; the sleeper only records the waits. */
    static RetryPolicy fastRetries(List<Duration> waits) {
        return RetryPolicy.builder()
                .maxAttempts(3)
                .initialDelay(Duration.ofMillis(10))
                .responseTimeout(Duration.ofSeconds(2))
                .stallTimeout(Duration.ofSeconds(1))
                .sleeper(waits::add)
                .build();
    }

    private FaultFixtures() {}

    /** The tag and every child manifest and blob of {@code image} are at the destination with the source digests. */
    static void assertCopiedWithSameDigests(
            ImageFixtures destination, String repository, String tag, PushedImage image) {
        assertThat(destination.tagDigest(repository, tag)).as("tag " + tag).contains(image.digest());
        for (Digest child : image.children()) {
            assertThat(Digest.sha256(destination.manifestBytes(repository, child.toString())))
                    .as("child manifest")
                    .isEqualTo(child);
        }
        for (Digest blob : image.blobs()) {
            assertThat(destination.blobExists(repository, blob))
                    .as("blob " + blob)
                    .isTrue();
        }
    }

    /**
     * Upload sessions the registry still holds for {@code repository}: directories under {@code _uploads} with their
     * {@code startedat} or {@code data} file (a cancelled session may leave an empty directory behind).
     */
    static List<String> openUploadSessions(LocalRegistry registry, String repository) {
        Path uploads = registry.storage().resolve("docker/registry/v2/repositories/" + repository + "/_uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        try (Stream<Path> sessions = Files.list(uploads)) {
            return sessions.filter(p -> Files.exists(p.resolve("startedat")) || Files.exists(p.resolve("data")))
                    .map(p -> p.getFileName().toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests that went through the proxy with this method to an upload session of {@code repository}. */
    static List<String> uploadRequests(FaultProxy proxy, String method, String repository) {
        String prefix = method + " /v2/" + repository + "/blobs/uploads/";
        return proxy.requests().stream().filter(r -> r.startsWith(prefix)).toList();
    }

    /** Collects warnings (retries) so that tests can see what the promotion went through. */
    static final class RecordingEvents implements EventSink {
        final List<String> warnings = new CopyOnWriteArrayList<>();
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
            lines.add(message);
        }

        @Override
        public void debug(String message) {
            lines.add(message);
        }

        List<String> all() {
            return new ArrayList<>(lines);
        }
    }
}
