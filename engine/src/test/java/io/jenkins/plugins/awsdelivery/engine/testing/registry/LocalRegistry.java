package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (distribution 2.8) on a free loopback port with its
 * own temporary storage, optionally with htpasswd basic authentication and TLS with a self-signed certificate.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalRegistry registry = new LocalRegistry().withBasicAuth("AWS", "secret").withTls();
 * ...
 * String image = registry.hostPort() + "/team/app:1.0";
 * }</pre>
 *
 * As an extension it starts before the first test of the class and stops (by PID, whole process tree) after the last;
 * standalone, call {@link #start()} and {@link #close()}. Storage deletion is enabled.
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private String username;
    private String password;
    private boolean tls;
    private boolean tokenAuth;
    private boolean foreignLayers;
    private TokenServer tokenServer;
    private Path directory;
    private Process process;
    private int port;
    private SSLContext sslContext;
    private Path givenCertificate;
    private Path givenKey;
    private Path givenTrust;

    /** Requires {@code user}/{@code password} (htpasswd, bcrypt) for every request. Call before start. */
    public LocalRegistry withBasicAuth(String user, String secret) {
        this.username = user;
        this.password = secret;
        return this;
    }

    /**
     * Requires bearer tokens from a {@link TokenServer} (started with the registry) that issues them to
     * {@code user}/{@code password}. Call before start; {@link ImageFixtures} then fetches tokens like a client.
     */
    public LocalRegistry withTokenAuth(String user, String secret) {
        this.username = user;
        this.password = secret;
        this.tokenAuth = true;
        return this;
    }

    /** The token service of a registry started {@link #withTokenAuth}; null otherwise. */
    public TokenServer tokenServer() {
        return tokenServer;
    }

    /**
     * Accepts manifests with foreign (non-distributable) layers whose {@code urls} are HTTPS, as registries holding
     * Windows images do; the layer itself is not stored. Call before start.
     */
    public LocalRegistry withForeignLayers() {
        this.foreignLayers = true;
        return this;
    }

    /** Serves HTTPS with a fresh self-signed certificate for 127.0.0.1 and localhost. Call before start. */
    public LocalRegistry withTls() {
        this.tls = true;
        return this;
    }

    /**
     * Serves HTTPS with a given certificate and key (e.g. from a {@link PrivateCa}); {@code trust} is the PEM
     * certificate that makes it trusted, for {@link #sslContext()}. Call before start.
     */
    public LocalRegistry withTls(Path certificate, Path key, Path trust) {
        this.tls = true;
        this.givenCertificate = certificate;
        this.givenKey = key;
        this.givenTrust = trust;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public synchronized LocalRegistry start() {
        if (process != null) {
            return this;
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(
                    BINARY + " is missing: install the Debian package docker-registry" + " (bin/test does)");
        }
        try {
            directory = Files.createTempDirectory("local-registry");
            if (tokenAuth) {
                tokenServer = new TokenServer(directory, username, password);
            } else if (username != null) {
                String line =
                        run(List.of("htpasswd", "-Bbn", username, password)).strip();
                Files.writeString(directory.resolve("htpasswd"), line + "\n");
            }
            if (tls && givenCertificate != null) {
                Files.copy(givenCertificate, directory.resolve("cert.pem"));
                Files.copy(givenKey, directory.resolve("key.pem"));
                sslContext = trusting(givenTrust);
            } else if (tls) {
                run(List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-keyout",
                        directory.resolve("key.pem").toString(),
                        "-out",
                        directory.resolve("cert.pem").toString(),
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1,DNS:localhost"));
                sslContext = trusting(directory.resolve("cert.pem"));
            }
            for (int attempt = 1; ; attempt++) {
                port = freePort();
                Files.writeString(directory.resolve("config.yml"), config());
                process = new ProcessBuilder(
                                BINARY.toString(),
                                "serve",
                                directory.resolve("config.yml").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(directory.resolve("registry.log").toFile())
                        .start();
                if (awaitReady()) {
                    return this;
                }
                LocalProcessRunner.killTree(process);
                process = null;
                if (attempt == 3) {
                    throw new IllegalStateException("docker-registry did not start; its log: "
                            + Files.readString(directory.resolve("registry.log")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code 127.0.0.1:<port>}: the registry part of image references. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} or {@code https://...}. */
    public URI url() {
        return URI.create((tls ? "https" : "http") + "://" + hostPort());
    }

    /** {@code hostPort()/repositoryAndTag}. */
    public String reference(String repositoryAndTag) {
        return hostPort() + "/" + repositoryAndTag;
    }

    public boolean isTls() {
        return tls;
    }

    /** Null without basic or token auth. */
    public String username() {
        return username;
    }

    /** Null without basic auth. */
    public String password() {
        return password;
    }

    /** Trusts this registry's certificate; null without TLS. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The PEM certificate of a TLS registry. */
    public Path certificate() {
        return directory.resolve("cert.pem");
    }

    /**
     * CPU seconds (user and system) the registry process has used so far, from {@code /proc/<pid>/stat} (fields 14
     * and 15, in clock ticks of 1/100 s on Linux); -1 when not running or not readable.
     */
    public synchronized double cpuSeconds() {
        if (process == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces; count fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The storage directory. */
    public Path storage() {
        return directory.resolve("data");
    }

    /** Bytes of all files in storage: blobs, manifests, links. */
    public long storageBytes() {
        if (!Files.exists(storage())) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(storage())) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (tokenServer != null) {
            tokenServer.close();
            tokenServer = null;
        }
        if (process != null) {
            try {
                LocalProcessRunner.killTree(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temp directory is harmless.
            }
            directory = null;
        }
    }

    private String config() {
        StringBuilder yaml = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ")
                .append(storage())
                .append("\n  delete:\n    enabled: true\n")
                .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
                .append("http:\n  addr: 127.0.0.1:")
                .append(port)
                .append('\n');
        if (tls) {
            yaml.append("  tls:\n    certificate: ")
                    .append(directory.resolve("cert.pem"))
                    .append("\n    key: ")
                    .append(directory.resolve("key.pem"))
                    .append('\n');
        }
        if (foreignLayers) {
            yaml.append("validation:\n  manifests:\n    urls:\n      allow:\n        - ^https://\n");
        }
        if (tokenAuth) {
            yaml.append("auth:\n  token:\n    realm: ")
                    .append(tokenServer.realm())
                    .append("\n    service: ")
                    .append(TokenServer.SERVICE)
                    .append("\n    issuer: ")
                    .append(TokenServer.ISSUER)
                    .append("\n    rootcertbundle: ")
                    .append(directory.resolve("token.crt"))
                    .append('\n');
        } else if (username != null) {
            yaml.append("auth:\n  htpasswd:\n    realm: local-registry\n    path: ")
                    .append(directory.resolve("htpasswd"))
                    .append('\n');
        }
        return yaml.toString();
    }

    private boolean awaitReady() throws InterruptedException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        HttpClient client = builder.build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(url().resolve("/v2/"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs a command to its end and returns its output; a non-zero exit fails with that output. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + output);
        }
        return output;
    }

    /** An SSL context that trusts exactly the given PEM certificate. */
    public static SSLContext trusting(Path pemCertificate) {
        try (InputStream in = Files.newInputStream(pemCertificate)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry(
                    "registry", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read certificate " + pemCertificate, e);
        }
    }

    @Override
    public String toString() {
        return "LocalRegistry{" + url() + (username == null ? "" : ", basic auth") + "}";
    }
}
