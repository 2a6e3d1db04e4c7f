package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small HTTP server on 127.0.0.1 that plays a hostile registry, token realm or AWS endpoint: it records every
 * request (method, URI, headers) and answers as its {@link HttpHandler} says. Each request runs on its own thread, so
 * a trickling answer does not block others.
 */
public final class HostileServer implements AutoCloseable {
    /** A request as the server received it; header names in lower case. */
    public record Request(String method, String uri, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private HostileServer(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "hostile server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            requests.add(new Request(
                    exchange.getRequestMethod(), exchange.getRequestURI().toString(), Map.copyOf(headers)));
            try (exchange) {
                handler.handle(exchange);
            } catch (IOException | RuntimeException e) {
                // The client went away, as it should from a hostile answer.
            }
        });
        server.start();
    }

    public static HostileServer start(HttpHandler handler) throws IOException {
        return new HostileServer(handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:port}. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Answers with a status, a content type and a body. */
    public static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** All request headers as {@code Name: value} lines, as an echoing server puts them into its error message. */
    public static String headerLines(HttpExchange exchange) {
        StringBuilder text = new StringBuilder();
        exchange.getRequestHeaders()
                .forEach((name, values) -> values.forEach(
                        value -> text.append(name).append(": ").append(value).append("\n")));
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
