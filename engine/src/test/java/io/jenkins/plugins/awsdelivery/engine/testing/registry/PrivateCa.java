package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private certificate authority made with {@code openssl} for one test, and a server certificate it signed for
 * {@code 127.0.0.1} and {@code localhost}: what a company registry with an internal CA looks like. Nothing trusts the
 * CA unless told to ({@link #certificate()} as a PEM file, or {@link #certDir()} in the layout of Docker's
 * {@code certs.d} and skopeo's {@code --cert-dir}).
 */
public final class PrivateCa {
    private final Path directory;

    private PrivateCa(Path directory) {
        this.directory = directory;
    }

    /** Creates the CA and the server certificate in {@code directory}. */
    public static PrivateCa create(Path directory) {
        PrivateCa ca = new PrivateCa(directory);
        ca.openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-keyout",
                "ca-key.pem",
                "-out",
                "ca.pem",
                "-subj",
                "/CN=Test Private CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        ca.openssl(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "server-key.pem",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost");
        try {
            Files.writeString(
                    directory.resolve("server.ext"),
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
            ca.openssl(
                    "x509",
                    "-req",
                    "-in",
                    "server.csr",
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca-key.pem",
                    "-CAcreateserial",
                    "-days",
                    "2",
                    "-extfile",
                    "server.ext",
                    "-out",
                    "server.pem");
            Path certDir = Files.createDirectories(directory.resolve("cert-dir"));
            Files.copy(directory.resolve("ca.pem"), certDir.resolve("ca.crt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ca;
    }

    /** The CA's certificate (PEM): what a client is given to trust. */
    public Path certificate() {
        return directory.resolve("ca.pem");
    }

    /** The server certificate the CA signed (PEM). */
    public Path serverCertificate() {
        return directory.resolve("server.pem");
    }

    public Path serverKey() {
        return directory.resolve("server-key.pem");
    }

    /** A directory holding only {@code ca.crt}, as skopeo's {@code --cert-dir} and Docker's {@code certs.d} want. */
    public Path certDir() {
        return directory.resolve("cert-dir");
    }

    /** {@code openssl ARGS} with file names taken relative to the CA's directory. */
    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        for (String arg : args) {
            command.add(
                    arg.endsWith(".pem") || arg.endsWith(".csr") || arg.endsWith(".ext")
                            ? directory.resolve(arg).toString()
                            : arg);
        }
        try {
            LocalRegistry.run(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
