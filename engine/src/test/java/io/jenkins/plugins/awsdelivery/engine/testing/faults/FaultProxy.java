package io.jenkins.plugins.awsdelivery.engine.testing.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reverse proxy in front of a real registry on loopback that streams every request and answer through unchanged,
 * except where a {@link Fault} says otherwise: a connection dropped in the middle of a blob, a stall, a 5xx or 429
 * answer, corrupted bytes, an HTML error page. Upload {@code Location} headers are rewritten to point back at the
 * proxy, so a whole push goes through it. It counts requests per method and the body bytes it forwarded each way.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "transfer-encoding",
            "host",
            "keep-alive",
            "upgrade",
            "expect",
            "te",
            "trailer",
            "proxy-connection");

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<Fault, AtomicInteger> matchCounts = new ConcurrentHashMap<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesToUpstream = new AtomicLong();
    private final AtomicLong bytesFromUpstream = new AtomicLong();
    private final AtomicInteger faultsFired = new AtomicInteger();

    private final PlainHttpFront front;

    private FaultProxy(URI upstream, HttpServer server, ExecutorService executor) throws IOException {
        this.upstream = upstream;
        this.server = server;
        this.executor = executor;
        this.front = new PlainHttpFront(server.getAddress().getPort(), executor);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Starts a proxy on a free loopback port that forwards to {@code upstream}, e.g. {@code http://127.0.0.1:5000}. */
    public static FaultProxy start(URI upstream) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        });
        FaultProxy proxy = new FaultProxy(stripTrailingSlash(upstream), server, executor);
        server.createContext("/", proxy::handle);
        server.setExecutor(executor);
        server.start();
        executor.execute(proxy.front::acceptLoop);
        return proxy;
    }

    /** {@code 127.0.0.1:PORT}: the registry part of an image reference that goes through the proxy. */
    public String hostPort() {
        return "127.0.0.1:" + front.port();
    }

    public URI url() {
        return URI.create("http://" + hostPort());
    }

    public FaultProxy inject(Fault fault) {
        faults.add(fault);
        matchCounts.put(fault, new AtomicInteger());
        return this;
    }

    public void clearFaults() {
        faults.clear();
        matchCounts.clear();
    }

    /** How many times a fault changed an answer. */
    public int faultsFired() {
        return faultsFired.get();
    }

    /** {@code METHOD path} of every request, in arrival order. */
    public List<String> requests() {
        return List.copyOf(requestLog);
    }

    /** Request body bytes forwarded to the registry: what a client uploaded through the proxy. */
    public long bytesUploaded() {
        return bytesToUpstream.get();
    }

    /** Answer body bytes received from the registry. */
    public long bytesDownloaded() {
        return bytesFromUpstream.get();
    }

    @Override
    public void close() {
        front.close();
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * An {@link IOException} leaves this handler on purpose: the JDK server then closes the connection, which is how a
     * dropped connection reaches the client (closing the exchange alone would leave the client waiting for bytes).
     */
    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        requestLog.add(method + " " + pathAndQuery);
        Fault fault = firingFault(method, pathAndQuery);
        try {
            if (fault != null && fault.kind() == Fault.Kind.STATUS) {
                drain(exchange.getRequestBody());
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", fault.retryAfter());
                }
                sendText(exchange, fault.status(), "application/json", "{\"errors\":[{\"code\":\"UNAVAILABLE\"}]}");
                return;
            }
            if (fault != null && fault.kind() == Fault.Kind.HTML_ERROR_PAGE) {
                drain(exchange.getRequestBody());
                sendText(
                        exchange,
                        fault.status(),
                        "text/html",
                        "<html><body><h1>" + fault.status() + " Bad Gateway</h1></body></html>");
                return;
            }
            if (fault != null && fault.kind() == Fault.Kind.STALL) {
                Thread.sleep(fault.stall().toMillis());
            }
            forward(exchange, method, pathAndQuery, fault);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        exchange.close();
    }

    private Fault firingFault(String method, String pathAndQuery) {
        for (Fault fault : faults) {
            if (!fault.matches(method, pathAndQuery)) {
                continue;
            }
            int seen = matchCounts.get(fault).incrementAndGet();
            if (fault.every() || seen == fault.occurrence()) {
                faultsFired.incrementAndGet();
                return fault;
            }
        }
        return null;
    }

    private void forward(HttpExchange exchange, String method, String pathAndQuery, Fault fault)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + pathAndQuery));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        InputStream body = new CountingInputStream(exchange.getRequestBody(), bytesToUpstream);
        if (fault != null && fault.kind() == Fault.Kind.DROP_REQUEST_AFTER_BYTES) {
            body = new BreakingInputStream(body, fault.bytes());
        }
        InputStream requestBody = body;
        HttpRequest.BodyPublisher publisher;
        if (length != null && Long.parseLong(length) == 0) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (length != null) {
            publisher = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> requestBody), Long.parseLong(length));
        } else if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> requestBody);
        }
        request.method(method, publisher);
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                for (String value : values) {
                    exchange.getResponseHeaders().add(name, rewriteLocation(name, value));
                }
            }
        });
        long responseLength =
                response.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean noBody = method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
        if (noBody) {
            if (responseLength >= 0) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(responseLength));
            }
            exchange.sendResponseHeaders(response.statusCode(), -1);
            response.body().close();
            return;
        }
        exchange.sendResponseHeaders(response.statusCode(), responseLength == 0 ? -1 : Math.max(responseLength, 0));
        try (InputStream in = response.body();
                OutputStream out = exchange.getResponseBody()) {
            copy(in, out, fault);
        }
    }

    private void copy(InputStream in, OutputStream out, Fault fault) throws IOException, InterruptedException {
        byte[] buffer = new byte[64 * 1024];
        long sent = 0;
        boolean corrupted = false;
        boolean stalled = false;
        int n;
        while ((n = in.read(buffer)) > 0) {
            bytesFromUpstream.addAndGet(n);
            if (fault != null
                    && fault.kind() == Fault.Kind.STALL_AFTER_BYTES
                    && !stalled
                    && sent + n >= fault.bytes()) {
                int part = (int) (fault.bytes() - sent);
                out.write(buffer, 0, part);
                out.flush();
                Thread.sleep(fault.stall().toMillis());
                stalled = true;
                out.write(buffer, part, n - part);
                sent += n;
                continue;
            }
            if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_BYTES && sent + n >= fault.bytes()) {
                out.write(buffer, 0, (int) (fault.bytes() - sent));
                out.flush();
                throw new IOException("fault: connection dropped after " + fault.bytes() + " bytes");
            }
            if (fault != null && fault.kind() == Fault.Kind.CORRUPT_BODY && !corrupted && sent + n > fault.bytes()) {
                int index = (int) (fault.bytes() - sent);
                buffer[index] = (byte) ~buffer[index];
                corrupted = true;
            }
            out.write(buffer, 0, n);
            sent += n;
        }
    }

    private String rewriteLocation(String header, String value) {
        if (header.equalsIgnoreCase("Location") && value.startsWith(upstream.toString())) {
            return url() + value.substring(upstream.toString().length());
        }
        return value;
    }

    private static void sendText(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /**
     * The port clients connect to. A plain-HTTP registry closes a connection that starts with a TLS handshake at once
     * (clients probe HTTPS first on loopback); the JDK's HTTP server would wait for a line end instead, so this front
     * closes such connections itself and pipes all others to the server unchanged.
     */
    private static final class PlainHttpFront {
        private static final int TLS_HANDSHAKE_RECORD = 0x16;

        private final java.net.ServerSocket socket;
        private final int serverPort;
        private final ExecutorService executor;
        private final Set<java.net.Socket> open = ConcurrentHashMap.newKeySet();

        PlainHttpFront(int serverPort, ExecutorService executor) throws IOException {
            this.socket = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.serverPort = serverPort;
            this.executor = executor;
        }

        int port() {
            return socket.getLocalPort();
        }

        void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    java.net.Socket client = socket.accept();
                    open.add(client);
                    executor.execute(() -> serve(client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(java.net.Socket client) {
            try {
                int first = client.getInputStream().read();
                if (first < 0 || first == TLS_HANDSHAKE_RECORD) {
                    closeQuietly(client);
                    return;
                }
                java.net.Socket server = new java.net.Socket(InetAddress.getLoopbackAddress(), serverPort);
                open.add(server);
                server.getOutputStream().write(first);
                executor.execute(() -> pump(server, client));
                pump(client, server);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }

        private void pump(java.net.Socket from, java.net.Socket to) {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed or broke; the other side sees its connection end too.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private void closeQuietly(java.net.Socket s) {
            open.remove(s);
            try {
                s.close();
            } catch (IOException e) {
                // Already closed.
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
            open.forEach(this::closeQuietly);
        }
    }

    /** Passes {@code limit} bytes, then fails as a broken connection would. */
    private static final class BreakingInputStream extends java.io.FilterInputStream {
        private long remaining;

        BreakingInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                throw new IOException("fault: upload connection dropped");
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        private final AtomicLong counter;

        CountingInputStream(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }
    }
}
