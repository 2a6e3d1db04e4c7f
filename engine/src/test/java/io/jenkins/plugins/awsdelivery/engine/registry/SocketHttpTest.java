package io.jenkins.plugins.awsdelivery.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.HostileServer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob connections against servers that frame their answers in each way RFC 9112 allows (the JDK's own HTTP
 * server for chunked answers, raw sockets for the rest), and that stall, so that abort and timeout behave as with the
 * JDK client: an interrupt is an {@link InterruptedException}, a silent server a {@link HttpTimeoutException}.
 */
class SocketHttpTest {
    @TempDir
    Path directory;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SocketHttp http = new SocketHttp(null, Duration.ofSeconds(5), timer);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void get_whenTheServerSendsChunks_readsTheBodyWithoutTheFraming() throws Exception {
        // com.sun.net.httpserver: a response length of 0 means chunked encoding.
        try (HostileServer server = HostileServer.start(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("Wiki".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("pedia in\r\n\r\nchunks.".getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            HttpResponse<InputStream> response = http.send(get("http://" + server.hostPort() + "/v2/a/blobs/x"));

            assertThat(response.headers().firstValue("Transfer-Encoding")).contains("chunked");
            assertThat(read(response)).isEqualTo("Wikipedia in\r\n\r\nchunks.");
        }
    }

    @Test
    void get_whenTheAnswerHasNoLength_readsUntilTheServerCloses() throws Exception {
        try (RawServer server = new RawServer(socket -> answer(
                socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + "\r\nuntil the connection closes"))) {
            HttpResponse<InputStream> response = http.send(get(server.url()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(read(response)).isEqualTo("until the connection closes");
        }
    }

    @Test
    void get_whenInterimAnswersComeFirst_returnsTheFinalOne() throws Exception {
        try (RawServer server = new RawServer(socket -> answer(
                socket,
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                        + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"))) {
            HttpResponse<InputStream> response = http.send(get(server.url()));

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(read(response)).isEqualTo("ok");
        }
    }

    @Test
    void get_whenTheConnectionClosesBeforeTheAnnouncedLength_failsNamingHowMuchArrived() throws Exception {
        try (RawServer server =
                new RawServer(socket -> answer(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b"))) {
            HttpResponse<InputStream> response = http.send(get(server.url()));

            assertThatThrownBy(() -> response.body().readAllBytes())
                    .isInstanceOf(EOFException.class)
                    .hasMessageContaining("after 10 of 100 bytes");
        }
    }

    @Test
    void put_sendsTheStreamedBodyWithItsLengthAndTheRequestHeaders() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        AtomicReference<Digest> received = new AtomicReference<>();
        try (HostileServer server = HostileServer.start(exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.set(Digest.sha256(in.readAllBytes()));
            }
            HostileServer.reply(exchange, 201, null, "");
        })) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://" + server.hostPort() + "/v2/a/blobs/uploads/1?digest=sha256%3Aab"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(new StreamedBody(new ByteArrayInputStream(content), content.length))
                    .build();

            HttpResponse<InputStream> response = http.send(request);

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(received.get()).isEqualTo(Digest.sha256(content));
            HostileServer.Request seen = server.requests().get(0);
            assertThat(seen.method()).isEqualTo("PUT");
            assertThat(seen.uri()).isEqualTo("/v2/a/blobs/uploads/1?digest=sha256%3Aab");
            assertThat(seen.header("Content-Length")).isEqualTo(String.valueOf(content.length));
            assertThat(seen.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(seen.header("Host")).isEqualTo(server.hostPort());
        }
    }

    @Test
    void send_whenTheThreadIsInterrupted_throwsInterruptedExceptionAndClosesTheConnection() throws Exception {
        CompletableFuture<Integer> serverRead = new CompletableFuture<>();
        try (RawServer server = new RawServer(socket -> {
            InputStream in = socket.getInputStream();
            int n;
            do {
                n = in.read(new byte[1024]);
            } while (n > 0);
            serverRead.complete(n);
        })) {
            Thread caller = Thread.currentThread();
            timer.schedule(caller::interrupt, 300, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();

            assertThatThrownBy(() -> http.send(get(server.url()))).isInstanceOf(InterruptedException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(serverRead.get(5, TimeUnit.SECONDS))
                    .as("end of stream at the server")
                    .isEqualTo(-1);
        }
    }

    @Test
    void send_whenNoAnswerComesWithinTheRequestTimeout_timesOut() throws Exception {
        try (RawServer server = new RawServer(socket -> socket.getInputStream().readAllBytes())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url()))
                    .timeout(Duration.ofMillis(500))
                    .GET()
                    .build();
            long started = System.nanoTime();

            assertThatThrownBy(() -> http.send(request)).isInstanceOf(HttpTimeoutException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void https_whenTheCertificateIsForTheAddress_connects() throws Exception {
        try (HostileServer server =
                HostileServer.startTls(directory, exchange -> HostileServer.reply(exchange, 200, null, "secure"))) {
            SocketHttp trusting = new SocketHttp(server.clientTrust(), Duration.ofSeconds(5), timer);

            HttpResponse<InputStream> response = trusting.send(get("https://127.0.0.1:" + server.port() + "/v2/"));

            assertThat(read(response)).isEqualTo("secure");
            assertThat(response.sslSession()).isPresent();
        }
    }

    @Test
    void https_whenTheCertificateNamesAnotherHost_refusesBeforeSendingAnything() throws Exception {
        // The certificate is trusted but names only IP 127.0.0.1; "localhost" reaches the same server (RFC 6125: the
        // name asked for must be in the certificate).
        try (HostileServer server =
                HostileServer.startTls(directory, exchange -> HostileServer.reply(exchange, 200, null, "secure"))) {
            SocketHttp trusting = new SocketHttp(server.clientTrust(), Duration.ofSeconds(5), timer);
            assertThat(InetAddress.getByName("localhost").isLoopbackAddress()).isTrue();

            assertThatThrownBy(() -> trusting.send(get("https://localhost:" + server.port() + "/v2/")))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(server.requests()).isEmpty();
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private static String read(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void answer(Socket socket, String text) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** One connection at a time on 127.0.0.1, handled by {@code handler}, then closed. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        RawServer(SocketHandler handler) throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        handler.handle(socket);
                    } catch (IOException e) {
                        // the next connection, or the end
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/v2/a/blobs/sha256:00";
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }

    @FunctionalInterface
    private interface SocketHandler {
        void handle(Socket socket) throws IOException;
    }
}
