package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
    private final SSLContext clientTrust;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private HostileServer(HttpServer server, SSLContext clientTrust, HttpHandler handler) {
        this.server = server;
        this.clientTrust = clientTrust;
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
        return new HostileServer(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), null, handler);
    }

    /**
     * The same over HTTPS, with a self-signed certificate for 127.0.0.1 made by the JDK's {@code keytool};
     * {@link #clientTrust()} trusts it.
     */
    public static HostileServer startTls(Path directory, HttpHandler handler) throws IOException {
        try {
            Path keyStoreFile = directory.resolve("hostile.p12");
            char[] password = "hostile".toCharArray();
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-alias",
                            "hostile",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-dname",
                            "CN=127.0.0.1",
                            "-ext",
                            "SAN=ip:127.0.0.1",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            keyStoreFile.toString(),
                            "-storepass",
                            new String(password))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStoreFile)) {
                keys.load(in, password);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keyManagers.getKeyManagers(), null, null);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("hostile", keys.getCertificate("hostile"));
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, trustManagers.getTrustManagers(), null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
            return new HostileServer(server, clientContext, handler);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Trust for the certificate of a server from {@link #startTls}; null for a plain HTTP one. */
    public SSLContext clientTrust() {
        return clientTrust;
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
