package io.jenkins.plugins.awsdelivery.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.promote.PromoteRequest;
import io.jenkins.plugins.awsdelivery.engine.promote.Promoter;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.faults.Fault;
import io.jenkins.plugins.awsdelivery.engine.testing.faults.FaultProxy;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registries that answer with what no well-behaved registry sends: HTML error pages, manifests of an unknown media
 * type, over 4 MiB or endless, manifests whose bytes do not match their digest. Each promotion fails with an error
 * that names the registry or reference and the problem, and the destination is not written.
 *
 * <p>Distribution refuses to store manifests of unknown media types, and to store or serve manifests over 4 MiB
 * (placed into its storage by hand, it answers 500 "read exceeds limit"), so those answers come from a small JDK
 * {@link HttpServer} that plays a hostile registry, behind a {@link FaultProxy} like the real ones.
 */
class HostileRegistryAnswersTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private static final AtomicInteger repositories = new AtomicInteger();

    private final ImageFixtures source = new ImageFixtures(sourceRegistry);
    private final ImageFixtures destination = new ImageFixtures(destinationRegistry);
    private final String repository = "team/hostile" + repositories.incrementAndGet();
    private FaultProxy sourceProxy;
    private FaultProxy destinationProxy;
    private HttpServer hostile;
    private FaultProxy hostileProxy;

    @BeforeEach
    void startProxies() throws IOException {
        sourceProxy = FaultProxy.start(sourceRegistry.url());
        destinationProxy = FaultProxy.start(destinationRegistry.url());
    }

    @AfterEach
    void stop() {
        sourceProxy.close();
        destinationProxy.close();
        if (hostile != null) {
            hostileProxy.close();
            hostile.stop(0);
        }
    }

    @Test
    void promote_whenTheSourceAnswersHtmlErrorPages_failsNamingRegistryAndStatusWithoutTheHtml() {
        source.pushOciImage(repository, "1.0", 1, 1_000);
        sourceProxy.inject(Fault.on("GET", "/manifests/").every().htmlErrorPage(502));

        assertThatThrownBy(() -> promote(sourceProxy.hostPort() + "/" + repository + ":1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("reading manifest " + sourceProxy.hostPort() + "/" + repository + ":1.0")
                .hasMessageContaining("HTTP 502")
                .message()
                .doesNotContain("<html", "<h1>", "Bad Gateway");
        assertNothingWrittenAtTheDestination();
    }

    @Test
    void promote_whenTheDestinationAnswersAnHtmlErrorPageToTheTag_failsNamingItAndKeepsTheTag() {
        PushedImage before = destination.pushOciImage(repository, "1.0", 1, 1_000);
        PushedImage image = source.pushOciImage(repository, "1.0", 1, 1_000);
        destinationProxy.inject(Fault.on("PUT", "/manifests/1\\.0$").every().htmlErrorPage(502));

        assertThatThrownBy(() -> promote(image.reference()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("writing manifest " + image.digest() + " to " + destinationProxy.hostPort() + "/"
                        + repository + ":1.0: HTTP 502")
                .hasMessageContaining("destination tag is unchanged")
                .message()
                .doesNotContain("<html", "<h1>");
        assertThat(destination.tagDigest(repository, "1.0")).contains(before.digest());
    }

    @Test
    void promote_whenTheSourceManifestIsLargerThan4MiB_refusesNamingReferenceAndLimit() throws IOException {
        byte[] big = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                        + "\",\"config\":{\"mediaType\":\"" + ImageFixtures.OCI_CONFIG + "\",\"digest\":\"sha256:"
                        + "0".repeat(64) + "\",\"size\":2},\"layers\":[],\"annotations\":{\"padding\":\""
                        + "x".repeat(5 * 1024 * 1024) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        startHostileRegistry(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
            exchange.sendResponseHeaders(200, big.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(big);
            }
        });
        String reference = hostPort() + "/" + repository + ":big";

        assertThatThrownBy(() -> promote(reference))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("reading manifest " + reference)
                .hasMessageContaining("more than the " + ImageManifest.MAX_SIZE + " bytes allowed");
        assertNothingWrittenAtTheDestination();
    }

    @Test
    void promote_whenTheSourceStreamsAnEndlessManifest_stopsReadingAfter4MiB() throws IOException {
        AtomicLong sent = new AtomicLong();
        startHostileRegistry(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            }
        });
        String reference = hostPort() + "/" + repository + ":endless";

        assertThatThrownBy(() -> promote(reference))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("reading manifest " + reference)
                .hasMessageContaining("larger than the " + ImageManifest.MAX_SIZE + " bytes allowed");
        assertThat(sent.get()).as("bytes the client let the server send").isLessThan(64L * 1024 * 1024);
        assertNothingWrittenAtTheDestination();
    }

    @Test
    void promote_whenTheSourceServesAnUnknownManifestMediaType_refusesNamingReferenceAndMediaType() throws IOException {
        String unknown = "application/vnd.example.unknown.v1+json";
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + unknown + "\",\"config\":{},\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        startHostileRegistry(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", unknown);
            exchange.getResponseHeaders()
                    .set("Docker-Content-Digest", Digest.sha256(manifest).toString());
            exchange.sendResponseHeaders(200, manifest.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(manifest);
            }
        });
        String reference = hostPort() + "/" + repository + ":odd";

        assertThatThrownBy(() -> promote(reference))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("reading manifest " + reference)
                .hasMessageContaining("media type " + unknown + ", which cannot be copied");
        assertNothingWrittenAtTheDestination();
    }

    @Test
    void promote_whenARegistryAnswers200WithAnHtmlPage_refusesNamingReferenceWithoutTheHtml() throws IOException {
        byte[] page = "<html><body><h1>Sign in to continue</h1></body></html>".getBytes(StandardCharsets.UTF_8);
        startHostileRegistry(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        String reference = hostPort() + "/" + repository + ":1.0";

        assertThatThrownBy(() -> promote(reference))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("reading manifest " + reference)
                .message()
                .doesNotContain("<html", "Sign in");
        assertNothingWrittenAtTheDestination();
    }

    @Test
    void promote_whenAChildManifestsBytesDoNotMatchItsDigest_refusesNamingTheChild() {
        PushedImage index = source.pushOciIndex(repository, "1.0", 1_000);
        sourceProxy.inject(Fault.on("GET", "/manifests/sha256:").every().corruptAfterBytes(20));

        assertThatThrownBy(() -> promote(sourceProxy.hostPort() + "/" + repository + ":1.0"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("reading manifest " + sourceProxy.hostPort() + "/" + repository + "@"
                        + index.children().get(0))
                .hasMessageContaining("the registry or a proxy altered the manifest");
        assertNothingWrittenAtTheDestination();
    }

    private void promote(String sourceReference) {
        new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(sourceReference))
                        .destination(ImageReference.parse(destinationProxy.hostPort() + "/" + repository + ":1.0"))
                        .retryPolicy(RetryPolicy.builder()
                                .maxAttempts(2)
                                .stallTimeout(Duration.ofSeconds(2))
                                .sleeper(duration -> {})
                                .build())
                        .build());
    }

    private void assertNothingWrittenAtTheDestination() {
        assertThat(destinationProxy.requests())
                .noneMatch(r -> r.startsWith("PUT") || r.startsWith("POST") || r.startsWith("PATCH"));
        assertThat(destination.tagDigest(repository, "1.0")).isEmpty();
    }

    /** A registry whose {@code /v2/} is fine and whose every other answer comes from {@code answer}. */
    private void startHostileRegistry(com.sun.net.httpserver.HttpHandler answer) throws IOException {
        hostile = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hostile.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/v2/")) {
                    reply(exchange, 200, "{}");
                } else {
                    answer.handle(exchange);
                }
            } catch (IOException e) {
                // The client stopped reading, as it should for an endless answer.
            }
        });
        hostile.start();
        hostileProxy = FaultProxy.start(
                java.net.URI.create("http://127.0.0.1:" + hostile.getAddress().getPort()));
    }

    /** The hostile registry as clients reach it. */
    private String hostPort() {
        return hostileProxy.hostPort();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
