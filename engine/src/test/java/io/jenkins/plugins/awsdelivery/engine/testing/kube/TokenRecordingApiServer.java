package io.jenkins.plugins.awsdelivery.engine.testing.kube;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A Kubernetes API server stand-in for real clients (kubectl): HTTPS on loopback with a certificate made by openssl,
 * answering {@code GET /version} and recording the bearer token of every request, so a test sees exactly which token
 * a client sent.
 */
public final class TokenRecordingApiServer implements AutoCloseable {
    private final HttpsServer server;
    private final String certificatePem;
    private final List<String> bearerTokens = new CopyOnWriteArrayList<>();

    private TokenRecordingApiServer(HttpsServer server, String certificatePem) {
        this.server = server;
        this.certificatePem = certificatePem;
    }

    public static TokenRecordingApiServer start(Path workDirectory) throws IOException, InterruptedException {
        Path key = workDirectory.resolve("api-key.pem");
        Path certificate = workDirectory.resolve("api-cert.pem");
        Path keystore = workDirectory.resolve("api.p12");
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString(),
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1");
        run(
                "openssl",
                "pkcs12",
                "-export",
                "-inkey",
                key.toString(),
                "-in",
                certificate.toString(),
                "-out",
                keystore.toString(),
                "-passout",
                "pass:changeit");
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "changeit".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            TokenRecordingApiServer api = new TokenRecordingApiServer(server, Files.readString(certificate));
            server.createContext("/", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null && authorization.startsWith("Bearer ")) {
                    api.bearerTokens.add(authorization.substring("Bearer ".length()));
                }
                byte[] body = ("{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0-eks\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return api;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Base64 of the certificate's PEM, as EKS gives {@code certificateAuthority.data}. */
    public String certificateAuthorityData() {
        return Base64.getEncoder().encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII));
    }

    public List<String> bearerTokens() {
        return List.copyOf(bearerTokens);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
