package io.jenkins.plugins.awsdelivery.engine.testing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy's faults are what the fault tests of the registry client rely on, so they are pinned here. */
class FaultProxyTest {
    private static final byte[] BLOB = new byte[256 * 1024];

    private HttpServer upstream;
    private FaultProxy proxy;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws IOException {
        Arrays.fill(BLOB, (byte) 7);
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        upstream.createContext("/v2/app/blobs/", exchange -> {
            exchange.sendResponseHeaders(200, BLOB.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BLOB);
            }
        });
        upstream.createContext("/v2/app/blobs/uploads/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Location", base + "/v2/app/blobs/uploads/session-1");
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        upstream.start();
        proxy = FaultProxy.start(URI.create(base));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.stop(0);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(proxy.url() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void withoutFaults_forwardsBodiesUnchanged() throws Exception {
        HttpResponse<byte[]> response = get("/v2/app/blobs/sha256:x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BLOB);
        assertThat(proxy.bytesDownloaded()).isEqualTo(BLOB.length);
    }

    @Test
    void dropAfterBytes_cutsTheFirstMatchingAnswerOnly() throws Exception {
        proxy.inject(Fault.on("GET", "/blobs/sha256").dropAfterBytes(1000));

        assertThatThrownBy(() -> get("/v2/app/blobs/sha256:x")).isInstanceOf(IOException.class);
        assertThat(get("/v2/app/blobs/sha256:x").body()).isEqualTo(BLOB);
        assertThat(proxy.faultsFired()).isEqualTo(1);
    }

    @Test
    void status_withRetryAfter_answersWithoutAskingTheRegistry() throws Exception {
        proxy.inject(Fault.on("GET", "/blobs/").status(429, "1"));

        HttpResponse<byte[]> response = get("/v2/app/blobs/sha256:x");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(proxy.bytesDownloaded()).isZero();
    }

    @Test
    void corruptAfterBytes_keepsTheLengthButChangesOneByte() throws Exception {
        proxy.inject(Fault.on("GET", "/blobs/").corruptAfterBytes(10));

        byte[] body = get("/v2/app/blobs/sha256:x").body();

        assertThat(body).hasSize(BLOB.length);
        assertThat(body).isNotEqualTo(BLOB);
        assertThat(body[10]).isEqualTo((byte) ~BLOB[10]);
    }

    @Test
    void stallAfterBytes_pausesInTheMiddleOfTheBodyThenSendsTheRest() throws Exception {
        proxy.inject(Fault.on("GET", "/blobs/").stallAfterBytes(1000, Duration.ofMillis(700)));

        long start = System.nanoTime();
        byte[] body = get("/v2/app/blobs/sha256:x").body();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(body).isEqualTo(BLOB);
    }

    @Test
    void dropRequestAfterBytes_breaksTheUploadConnection() {
        proxy.inject(Fault.on("PATCH", "/blobs/uploads/").dropRequestAfterBytes(1000));

        assertThatThrownBy(() -> client.send(
                        HttpRequest.newBuilder(URI.create(proxy.url() + "/v2/app/blobs/uploads/session-1"))
                                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(BLOB))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
        assertThat(proxy.bytesUploaded()).isEqualTo(1000);
    }

    @Test
    void htmlErrorPage_answersHtmlWithTheStatus() throws Exception {
        proxy.inject(Fault.on(null, "/v2/").htmlErrorPage(502));

        HttpResponse<byte[]> response = get("/v2/app/blobs/sha256:x");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
    }

    @Test
    void uploadLocation_isRewrittenToThroughTheProxy() throws Exception {
        HttpResponse<Void> response = client.send(
                HttpRequest.newBuilder(URI.create(proxy.url() + "/v2/app/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValue(proxy.url() + "/v2/app/blobs/uploads/session-1");
    }
}
