package io.jenkins.plugins.awsdelivery.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.cli.DeliveryCommand;
import io.jenkins.plugins.awsdelivery.engine.promote.PromoteRequest;
import io.jenkins.plugins.awsdelivery.engine.promote.Promoter;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.HostileServer;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source registry whose answers would make a client work without bound: indexes nested thousands deep, an index
 * with more children than any image has, a negative blob size, a redirect to {@code file:}, a blob trickled one byte
 * a second. Each promotion ends in one line that names the registry or the limit, and writes nothing.
 */
class BoundedWorkTest {
    /** A config blob of 600 bytes, enough to trickle. */
    private static final String CONFIG = "{" + " ".repeat(598) + "}";

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    /** Manifests by tag or digest, with their media type. */
    private final Map<String, String[]> manifests = new ConcurrentHashMap<>();

    private final Map<String, BlobAnswer> blobs = new ConcurrentHashMap<>();
    private HostileServer source;

    @FunctionalInterface
    interface BlobAnswer {
        void send(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void startSource() throws IOException {
        source = HostileServer.start(this::serve);
    }

    @AfterEach
    void stopSource() {
        source.close();
    }

    @Test
    void promote_whenIndexesNest3000Deep_refusesInOneLineAfterAFewLevels() {
        String child = imageManifest();
        String mediaType = ImageFixtures.OCI_MANIFEST;
        for (int level = 0; level < 3_000; level++) {
            child = index(mediaType, child, 1);
            mediaType = ImageFixtures.OCI_INDEX;
        }
        manifests.put("deep", new String[] {ImageFixtures.OCI_INDEX, manifests.get(child)[1]});

        CliRun run = cli("deep");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr.strip())
                .doesNotContain("\n")
                .contains("nests indexes more than " + Promoter.MAX_DEPTH + " levels deep");
        assertThat(source.requests()).as("manifests read before giving up").hasSizeLessThan(20);
        assertNothingWritten();
    }

    @Test
    void promote_whenAnIndexListsMoreChildrenThanAllowed_refusesNamingTheLimit() {
        String child = imageManifest();
        String top = index(ImageFixtures.OCI_MANIFEST, child, Promoter.MAX_CHILDREN + 1);
        manifests.put("wide", manifests.get(top));

        CliRun run = cli("wide");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr.strip())
                .doesNotContain("\n")
                .contains("lists " + (Promoter.MAX_CHILDREN + 1) + " manifests, more than the " + Promoter.MAX_CHILDREN
                        + " allowed");
        assertNothingWritten();
    }

    @Test
    void promote_whenALayerHasANegativeSize_failsInOneLineNamingTheRegistry() {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + ImageFixtures.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"" + ImageFixtures.OCI_CONFIG + "\",\"digest\":\""
                + Digest.sha256(CONFIG.getBytes(StandardCharsets.UTF_8)) + "\",\"size\":2},\"layers\":[{"
                + "\"mediaType\":\"" + ImageFixtures.OCI_LAYER + "\",\"digest\":\"sha256:" + "a".repeat(64)
                + "\",\"size\":-1}]}";
        manifests.put("negative", new String[] {ImageFixtures.OCI_MANIFEST, json});

        CliRun run = cli("negative");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr.strip())
                .doesNotContain("\n")
                .contains("reading manifest " + source.hostPort() + "/team/app:negative")
                .contains("negative size -1");
        assertNothingWritten();
    }

    @Test
    void promote_whenABlobRedirectsToAFileUrl_failsInOneLineNamingTheRegistry() {
        String top = imageManifest();
        manifests.put("file", manifests.get(top));
        blobs.put(configDigest().toString(), exchange -> {
            exchange.getResponseHeaders().set("Location", "file:///etc/passwd");
            HostileServer.reply(exchange, 307, null, "");
        });

        CliRun run = cli("file");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr.strip())
                .doesNotContain("\n")
                .contains("registry " + source.hostPort() + " redirected to a URL that is not HTTP(S) (file:)");
        assertNothingWritten();
    }

    @Test
    void promote_whenABlobTricklesOneByteASecond_failsAtItsDeadlineInsteadOfHanging() {
        String top = imageManifest();
        manifests.put("slow", manifests.get(top));
        blobs.put(configDigest().toString(), exchange -> {
            exchange.sendResponseHeaders(200, CONFIG.length());
            OutputStream out = exchange.getResponseBody();
            for (byte b : CONFIG.getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
                out.flush();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        // A byte a second never trips the 3 s stall timeout; the deadline, 3 s + 600 bytes at 100 bytes/s, ends it.
        RetryPolicy policy = RetryPolicy.builder()
                .maxAttempts(1)
                .stallTimeout(Duration.ofSeconds(3))
                .minimumThroughput(100)
                .sleeper(duration -> {})
                .build();

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> new Promoter()
                        .promote(PromoteRequest.builder()
                                .source(ImageReference.parse(source.hostPort() + "/team/app:slow"))
                                .destination(ImageReference.parse(destinationRegistry.hostPort() + "/team/app:slow"))
                                .retryPolicy(policy)
                                .build()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("reading blob " + configDigest() + " from " + source.hostPort())
                .hasMessageContaining("too slow for its size"));
        assertNothingWritten();
    }

    private record CliRun(int exit, String stderr) {}

    private CliRun cli(String tag) {
        StringWriter err = new StringWriter();
        int exit = DeliveryCommand.execute(
                new String[] {
                    "promote", source.hostPort() + "/team/app:" + tag, destinationRegistry.hostPort() + "/team/app:1.0"
                },
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        return new CliRun(exit, err.toString());
    }

    private void assertNothingWritten() {
        assertThat(new ImageFixtures(destinationRegistry).tagDigest("team/app", "1.0"))
                .isEmpty();
    }

    private static Digest configDigest() {
        return Digest.sha256(CONFIG.getBytes(StandardCharsets.UTF_8));
    }

    /** An image manifest with {@link #CONFIG} and no layer; returns its digest. */
    private String imageManifest() {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + ImageFixtures.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"" + ImageFixtures.OCI_CONFIG + "\",\"digest\":\"" + configDigest()
                + "\",\"size\":" + CONFIG.length() + "},\"layers\":[]}";
        return store(ImageFixtures.OCI_MANIFEST, json);
    }

    /** An index listing {@code child} {@code copies} times; returns its digest. */
    private String index(String childMediaType, String child, int copies) {
        String entry = "{\"mediaType\":\"" + childMediaType + "\",\"digest\":\"" + child + "\",\"size\":"
                + manifests.get(child)[1].getBytes(StandardCharsets.UTF_8).length + "}";
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + ImageFixtures.OCI_INDEX + "\",\"manifests\":["
                + String.join(",", java.util.Collections.nCopies(copies, entry)) + "]}";
        return store(ImageFixtures.OCI_INDEX, json);
    }

    private String store(String mediaType, String json) {
        String digest = Digest.sha256(json.getBytes(StandardCharsets.UTF_8)).toString();
        manifests.put(digest, new String[] {mediaType, json});
        return digest;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (path.equals("/v2/")) {
            HostileServer.reply(exchange, 200, "application/json", "{}");
        } else if (path.contains("/manifests/") && manifests.containsKey(last)) {
            String[] manifest = manifests.get(last);
            HostileServer.reply(exchange, 200, manifest[0], manifest[1]);
        } else if (path.contains("/blobs/") && blobs.containsKey(last)) {
            blobs.get(last).send(exchange);
        } else {
            HostileServer.reply(exchange, 404, null, "");
        }
    }
}
