package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Sends one blob request, a {@code GET} of a blob or a {@code PATCH}/{@code PUT} whose body is a {@link StreamedBody},
 * over HTTP/1.1 on a connection of its own, on the calling thread: the request body goes from the stream to the socket
 * through one buffer, and the response body is read from the socket straight into the reader's array.
 *
 * <p>The JDK client moves the same bytes through a reactive publisher on the way out, and on the way in allocates a
 * buffer for every read on its selector thread and queues it for the reading thread; for blobs that cost more CPU
 * than the copy itself (docs/benchmarks.md, "In-process copy"). Everything else (pings, tokens, manifests, upload
 * sessions) stays with the JDK client.
 *
 * <p>The connection is a {@link SocketChannel}, so an interrupt closes it and {@link #send} throws
 * {@link InterruptedException}, as the JDK client's does. The request's timeout covers connecting, sending and the
 * response head and closes the connection when it passes ({@link HttpTimeoutException}); the body's pace is
 * {@link StallWatchdog}'s business. TLS is verified like the JDK client does it: the given trust, host name checked.
 */
final class SocketHttp {
    private static final int BUFFER = 256 * 1024;
    private static final int MAX_HEADERS = 256;

    private final SSLContext sslContext;
    private final Duration connectTimeout;
    private final ScheduledExecutorService timer;

    /** @param sslContext null: the JDK's default trust */
    SocketHttp(SSLContext sslContext, Duration connectTimeout, ScheduledExecutorService timer) {
        this.sslContext = sslContext;
        this.connectTimeout = connectTimeout;
        this.timer = timer;
    }

    /** Whether this class can send the request: no body, or a {@link StreamedBody}. */
    static boolean canSend(HttpRequest request) {
        return request.bodyPublisher()
                .map(body -> body instanceof StreamedBody || body.contentLength() == 0)
                .orElse(true);
    }

    /** The response with its body unread; closing the body closes the connection. */
    HttpResponse<InputStream> send(HttpRequest request) throws IOException, InterruptedException {
        URI uri = request.uri();
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String host = bareHost(uri.getHost());
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        SocketChannel channel = SocketChannel.open();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = request.timeout()
                .map(timeout -> timer.schedule(
                        () -> {
                            timedOut.set(true);
                            close(channel);
                        },
                        timeout.toNanos(),
                        TimeUnit.NANOSECONDS))
                .orElse(null);
        boolean handedOver = false;
        try {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new UnknownHostException(host);
            }
            Socket socket = channel.socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
            Socket connection = tls ? handshake(socket, host, port) : socket;
            HttpInput in = new HttpInput(connection.getInputStream());
            sendRequest(request, connection.getOutputStream());
            HttpResponse<InputStream> response = readResponse(request, in, channel, connection);
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (timedOut.get()) {
                throw new HttpTimeoutException("request timed out");
            }
            handedOver = true;
            return response;
        } catch (IOException e) {
            if (Thread.interrupted()) {
                // No URL in the message: upload locations and storage redirects carry state and signatures.
                throw new InterruptedException(request.method() + " interrupted");
            }
            if (timedOut.get()) {
                throw new HttpTimeoutException("request timed out");
            }
            throw e;
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (!handedOver) {
                close(channel);
            }
        }
    }

    private Socket handshake(Socket socket, String host, int port) throws IOException {
        SSLContext context;
        try {
            context = sslContext != null ? sslContext : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS implementation: " + e.getMessage(), e);
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static void sendRequest(HttpRequest request, OutputStream out) throws IOException {
        URI uri = request.uri();
        StreamedBody body = request.bodyPublisher()
                .filter(StreamedBody.class::isInstance)
                .map(StreamedBody.class::cast)
                .orElse(null);
        long length = body == null ? 0 : body.contentLength();
        String method = request.method();
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(target(uri))
                .append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost());
        if (uri.getPort() != -1) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        request.headers()
                .map()
                .forEach((name, values) -> values.forEach(
                        value -> head.append(name).append(": ").append(value).append("\r\n")));
        if (length > 0 || !(method.equals("GET") || method.equals("HEAD") || method.equals("DELETE"))) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (length > 0) {
            copy(body.stream(), out, length);
        }
        out.flush();
    }

    /**
     * Exactly {@code length} bytes of the stream to the socket through one buffer, filled before each write: a
     * network source hands over what has arrived, often a few KiB, and as many small writes cost the receiving
     * registry as many reads.
     */
    private static void copy(InputStream source, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, length)];
        long sent = 0;
        while (sent < length) {
            int wanted = (int) Math.min(buffer.length, length - sent);
            int filled = 0;
            while (filled < wanted) {
                int n = source.read(buffer, filled, wanted - filled);
                if (n < 0) {
                    throw new IOException(
                            "the request body ended after " + (sent + filled) + " of " + length + " bytes");
                }
                filled += n;
            }
            out.write(buffer, 0, filled);
            sent += filled;
        }
    }

    private static HttpResponse<InputStream> readResponse(
            HttpRequest request, HttpInput in, SocketChannel channel, Socket connection) throws IOException {
        int status;
        Map<String, List<String>> headers;
        do {
            status = statusCode(in.readLine());
            headers = headers(in);
        } while (status >= 100 && status < 200);
        Runnable close = () -> close(channel);
        InputStream body;
        String transferEncoding = String.join(",", headers.getOrDefault("Transfer-Encoding", List.of()))
                .toLowerCase(Locale.ROOT);
        if (request.method().equals("HEAD") || status == 204 || status == 304) {
            body = in.fixedLength(0, close);
        } else if (transferEncoding.contains("chunked")) {
            body = in.chunked(close);
        } else if (headers.containsKey("Content-Length")) {
            body = in.fixedLength(contentLength(headers.get("Content-Length")), close);
        } else {
            body = in.untilClose(close);
        }
        return new SocketResponse(
                request,
                status,
                HttpHeaders.of(headers, (name, value) -> true),
                body,
                connection instanceof SSLSocket ssl ? ssl.getSession() : null);
    }

    static int statusCode(String statusLine) throws IOException {
        // HTTP-version SP status-code SP [reason-phrase]
        if (statusLine.startsWith("HTTP/1.") && statusLine.length() >= 12 && statusLine.charAt(8) == ' ') {
            try {
                int status = Integer.parseInt(statusLine.substring(9, 12));
                if (status >= 100 && status <= 599) {
                    return status;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IOException("not an HTTP/1.1 status line: '"
                + (statusLine.length() > 40 ? statusLine.substring(0, 40) + "..." : statusLine) + "'");
    }

    private static Map<String, List<String>> headers(HttpInput in) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int count = 0; ; count++) {
            String line = in.readLine();
            if (line.isEmpty()) {
                return headers;
            }
            if (count == MAX_HEADERS) {
                throw new IOException("the response has more than " + MAX_HEADERS + " header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("unreadable header field in the response");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
    }

    private static long contentLength(List<String> values) throws IOException {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",")) {
                long parsed;
                try {
                    parsed = Long.parseLong(part.trim());
                } catch (NumberFormatException e) {
                    parsed = -1;
                }
                if (parsed < 0 || (length >= 0 && parsed != length)) {
                    throw new IOException("unusable Content-Length in the response: " + values);
                }
                length = parsed;
            }
        }
        return length;
    }

    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** {@code [::1]} as URI.getHost() gives an IPv6 literal, without the brackets. */
    private static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all we want.
        }
    }
}
