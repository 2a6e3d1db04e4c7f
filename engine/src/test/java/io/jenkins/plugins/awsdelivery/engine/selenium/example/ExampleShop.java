package io.jenkins.plugins.awsdelivery.engine.selenium.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The example web application the example Selenium suite tests: static pages with an order form (test resources
 * under {@code example-shop/}) and a confirmation page, served on a free loopback port.
 */
public final class ExampleShop implements AutoCloseable {
    private final HttpServer server;

    private ExampleShop(HttpServer server) {
        this.server = server;
    }

    public static ExampleShop start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ExampleShop::page);
        server.createContext("/confirm", ExampleShop::confirm);
        server.start();
        return new ExampleShop(server);
    }

    /** {@code http://127.0.0.1:PORT/}, the suite's BASE_URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!name.matches("[a-z-]+\\.(html|css)")) {
            send(exchange, 404, "text/plain", "not found");
            return;
        }
        try (InputStream page = ExampleShop.class.getResourceAsStream("/example-shop/" + name)) {
            if (page == null) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            String type = name.endsWith(".css") ? "text/css" : "text/html; charset=utf-8";
            send(exchange, 200, type, new String(page.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void confirm(HttpExchange exchange) throws IOException {
        Map<String, String> form = query(exchange.getRequestURI().getRawQuery());
        String name = escape(form.getOrDefault("name", ""));
        String quantity = escape(form.getOrDefault("quantity", "1"));
        String shipping = escape(form.getOrDefault("shipping", "standard"));
        send(
                exchange,
                200,
                "text/html; charset=utf-8",
                """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Order confirmed - Example Shop</title>
                <link rel="stylesheet" href="shop.css"></head>
                <body><h1>Thank you</h1>
                <p id="confirmation">Thank you, %s! %s bag(s) of coffee will be sent by %s shipping.</p>
                </body></html>
                """
                        .formatted(name, quantity, shipping));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(
                            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
