package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The token service of a registry deployment (Docker token protocol), for {@link LocalRegistry#withTokenAuth}: checks
 * the basic credentials and answers {@code {"token": <JWT>}} granting the requested scopes, signed RS256 with a key
 * whose self-signed certificate is the registry's {@code rootcertbundle}. The registry verifies every token itself.
 * It records the scopes asked for.
 */
public final class TokenServer implements AutoCloseable {
    public static final String ISSUER = "local-token-issuer";
    public static final String SERVICE = "local-registry";

    private final String username;
    private final String password;
    private final PrivateKey key;
    private final String certificateBase64;
    private final HttpServer server;
    private final List<String> scopeRequests = new CopyOnWriteArrayList<>();

    TokenServer(Path directory, String username, String password) {
        this.username = username;
        this.password = password;
        try {
            Path keyFile = directory.resolve("token.key");
            Path certificate = directory.resolve("token.crt");
            Process openssl = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "rsa:2048",
                            "-nodes",
                            "-days",
                            "2",
                            "-keyout",
                            keyFile.toString(),
                            "-out",
                            certificate.toString(),
                            "-subj",
                            "/CN=" + ISSUER)
                    .redirectErrorStream(true)
                    .start();
            openssl.getInputStream().readAllBytes();
            if (openssl.waitFor() != 0) {
                throw new IllegalStateException("openssl failed to make the token signing key");
            }
            String pem = Files.readString(keyFile)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            this.key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            try (InputStream in = Files.newInputStream(certificate)) {
                this.certificateBase64 = Base64.getEncoder()
                        .encodeToString(CertificateFactory.getInstance("X.509")
                                .generateCertificate(in)
                                .getEncoded());
            }
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/token", this::token);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/token}. */
    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The {@code scope} parameters of every token request, in order. */
    public List<String> scopeRequests() {
        return List.copyOf(scopeRequests);
    }

    /** A token for these scopes, as the service would issue it (for test fixtures that push directly). */
    public String issue(String subject, List<String> scopes) {
        try {
            long now = Instant.now().getEpochSecond();
            StringBuilder access = new StringBuilder();
            for (String scope : scopes) {
                String[] parts = scope.split(":");
                if (parts.length != 3) {
                    continue;
                }
                if (access.length() > 0) {
                    access.append(',');
                }
                access.append("{\"type\":\"")
                        .append(parts[0])
                        .append("\",\"name\":\"")
                        .append(parts[1])
                        .append("\",\"actions\":[\"")
                        .append(String.join("\",\"", parts[2].split(",")))
                        .append("\"]}");
            }
            String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + certificateBase64 + "\"]}";
            String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + SERVICE
                    + "\",\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 30) + ",\"iat\":" + (now - 30)
                    + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":[" + access + "]}";
            String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64Url(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (!expected.equals(given)) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        List<String> scopes = new ArrayList<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("scope=")) {
                    scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
                }
            }
        }
        scopeRequests.addAll(scopes);
        byte[] body =
                ("{\"token\":\"" + issue(username, scopes) + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
