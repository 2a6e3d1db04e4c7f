package io.jenkins.plugins.awsdelivery.engine.selenium;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serves a folder on loopback as Jenkins serves build files: with its default Content-Security-Policy header. */
final class CspFileServer implements AutoCloseable {
    /** Jenkins's default Content-Security-Policy for files it serves from a build. */
    static final String JENKINS_CSP =
            "sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';";

    private final HttpServer server;

    private CspFileServer(HttpServer server) {
        this.server = server;
    }

    static CspFileServer serve(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(exchange, root));
        server.start();
        return new CspFileServer(server);
    }

    String url(String file) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void handle(HttpExchange exchange, Path root) throws IOException {
        Path file =
                root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
        exchange.getResponseHeaders().set("Content-Security-Policy", JENKINS_CSP);
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String name = file.getFileName().toString();
        String type = name.endsWith(".html")
                ? "text/html; charset=utf-8"
                : name.endsWith(".css") ? "text/css" : name.endsWith(".png") ? "image/png" : "application/octet-stream";
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }
}
