package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The data-plane front of the ECR emulator: a reverse proxy on its own loopback port in front of a real local
 * registry that lets a request through only with {@code Basic AWS:<token>} for a token the emulator currently
 * honours, as ECR's registry honours only live {@code GetAuthorizationToken} tokens. Distribution reads its htpasswd
 * once at start, so the registry itself cannot learn about new or expired tokens; the gate asks the emulator, the
 * authority, on every request. Bodies are streamed both ways; {@code Location} headers point back at the gate.
 */
final class RegistryAuthGate implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "host",
            "transfer-encoding",
            "keep-alive",
            "upgrade",
            "expect",
            "te",
            "trailer",
            "proxy-authorization",
            "authorization",
            "date");

    private final HttpServer server;
    private final ServerSocket front;
    private final URI backend;
    private final Predicate<String> validToken;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicReference<Runnable> onManifestPut = new AtomicReference<>();
    private volatile BiFunction<String, String, Optional<String>> tagPutRefusal = (repository, tag) -> Optional.empty();

    RegistryAuthGate(URI backend, Predicate<String> validToken) throws IOException {
        this.backend = backend;
        this.validToken = validToken;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "ecr-registry-gate");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        this.front = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "ecr-registry-gate-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code 127.0.0.1:<port>}. */
    String hostPort() {
        return "127.0.0.1:" + front.getLocalPort();
    }

    /*
     * dockerd tries HTTPS first even for an insecure loopback registry and falls back to HTTP when the handshake
     * fails. The JDK HttpServer never answers a TLS ClientHello (it waits for a request line), so dockerd would wait
     * 10 s for its handshake timeout on every login and push. This front closes TLS connections at once and pipes
     * plain HTTP ones to the server.
     */
    private void acceptLoop() {
        while (!front.isClosed()) {
            try {
                Socket client = front.accept();
                Thread pipe = new Thread(() -> serve(client), "ecr-registry-gate-pipe");
                pipe.setDaemon(true);
                pipe.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            int first = in.read();
            if (first < 0 || first == 0x16) {
                return; // end of stream, or a TLS handshake: refuse at once
            }
            try (Socket backend = new Socket(
                    InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
                OutputStream toBackend = backend.getOutputStream();
                toBackend.write(first);
                Thread upstream = new Thread(
                        () -> {
                            try {
                                in.transferTo(toBackend);
                                backend.shutdownOutput();
                            } catch (IOException e) {
                                // Connection closed.
                            }
                        },
                        "ecr-registry-gate-upstream");
                upstream.setDaemon(true);
                upstream.start();
                backend.getInputStream().transferTo(client.getOutputStream());
            }
        } catch (IOException e) {
            // Connection closed.
        }
    }

    /**
     * Runs {@code action} once, when the next manifest PUT has been stored by the registry but before the client
     * gets the answer: the client waits for it, so a test can let time pass or revoke tokens at an exact point.
     */
    void onNextManifestPut(Runnable action) {
        onManifestPut.set(action);
    }

    /**
     * Decides, for a manifest PUT by tag ({@code repository}, {@code tag}), whether the registry refuses it: a message
     * means it answers 400 {@code TAG_INVALID} with that message, as ECR does for an existing tag of an immutable
     * repository.
     */
    void refuseTagPuts(BiFunction<String, String, Optional<String>> refusal) {
        this.tagPutRefusal = refusal;
    }

    @Override
    public void close() {
        try {
            front.close();
        } catch (IOException e) {
            // Already closed.
        }
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                try (InputStream in = exchange.getRequestBody()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"emulated-ecr\"");
                exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                if (exchange.getRequestMethod().equals("HEAD")) {
                    exchange.sendResponseHeaders(401, -1);
                } else {
                    exchange.sendResponseHeaders(401, body.length);
                    exchange.getResponseBody().write(body);
                }
                return;
            }
            String method = exchange.getRequestMethod();
            if (refusedTagPut(exchange)) {
                return;
            }
            URI target = URI.create(backend
                    + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery()));
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2));
            for (Map.Entry<String, List<String>> header :
                    exchange.getRequestHeaders().entrySet()) {
                if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    header.getValue().forEach(value -> request.header(header.getKey(), value));
                }
            }
            request.header("X-Forwarded-Host", hostPort()).header("X-Forwarded-Proto", "http");
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            boolean hasBody = (length != null && !length.equals("0"))
                    || exchange.getRequestHeaders().containsKey("Transfer-Encoding");
            InputStream requestBody = exchange.getRequestBody();
            HttpRequest.BodyPublisher publisher;
            if (!hasBody) {
                publisher = HttpRequest.BodyPublishers.noBody();
            } else if (length != null) {
                publisher = HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> requestBody), Long.parseLong(length));
            } else {
                publisher = HttpRequest.BodyPublishers.ofInputStream(() -> requestBody);
            }
            HttpResponse<InputStream> response =
                    client.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofInputStream());
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("location")) {
                    exchange.getResponseHeaders().set(name, pointAtGate(values.get(0)));
                } else if (!HOP_BY_HOP.contains(lower) && !lower.equals(":status")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            if (method.equals("PUT")
                    && exchange.getRequestURI().getPath().contains("/manifests/")
                    && response.statusCode() == 201) {
                Runnable action = onManifestPut.getAndSet(null);
                if (action != null) {
                    action.run();
                }
            }
            long contentLength =
                    response.headers().firstValueAsLong("Content-Length").orElse(-1);
            try (InputStream body = response.body()) {
                if (method.equals("HEAD")) {
                    if (contentLength >= 0) {
                        exchange.getResponseHeaders().set("Content-Length", Long.toString(contentLength));
                    }
                    exchange.sendResponseHeaders(response.statusCode(), -1);
                } else if (contentLength == 0 || response.statusCode() == 204) {
                    exchange.sendResponseHeaders(response.statusCode(), -1);
                } else {
                    exchange.sendResponseHeaders(response.statusCode(), contentLength < 0 ? 0 : contentLength);
                    try (OutputStream out = exchange.getResponseBody()) {
                        body.transferTo(out);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The client sees a broken connection, as with a failing registry.
        }
    }

    private boolean refusedTagPut(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int manifests = path.indexOf("/manifests/");
        if (!exchange.getRequestMethod().equals("PUT") || !path.startsWith("/v2/") || manifests < 0) {
            return false;
        }
        String reference = path.substring(manifests + "/manifests/".length());
        if (reference.contains(":")) {
            return false; // by digest: never refused
        }
        Optional<String> refusal = tagPutRefusal.apply(path.substring("/v2/".length(), manifests), reference);
        if (refusal.isEmpty()) {
            return false;
        }
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        byte[] body = ("{\"errors\":[{\"code\":\"TAG_INVALID\",\"message\":\"" + refusal.get() + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
        exchange.sendResponseHeaders(400, body.length);
        exchange.getResponseBody().write(body);
        return true;
    }

    private String pointAtGate(String location) {
        URI uri = URI.create(location);
        if (uri.getHost() == null) {
            return location;
        }
        return "http://" + hostPort() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return decoded.startsWith("AWS:") && validToken.test(decoded.substring(4));
    }
}
