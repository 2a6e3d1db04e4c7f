package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A kubeconfig for kubectl and helm users ({@code withEksKubeConfig}): one cluster, one context, and a bearer token,
 * in a file with mode 0600 inside a fresh 0700 directory. While open, the token is renewed before it expires (the
 * file replaced atomically, so kubectl never reads half a file); {@link #close()} deletes the file and directory.
 */
public final class EksKubeconfigFile implements AutoCloseable {
    /** How often to look whether the token is due; well below the 14 minutes a token is used. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(30);

    private final Path directory;
    private final Path file;
    private final EksCluster cluster;
    private final RefreshingEksToken token;
    private final ScheduledExecutorService refresher;
    private EksToken written;

    private EksKubeconfigFile(Path directory, EksCluster cluster, RefreshingEksToken token, boolean scheduled) {
        this.directory = directory;
        this.file = directory.resolve("kubeconfig");
        this.cluster = cluster;
        this.token = token;
        this.refresher = scheduled
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "eks-kubeconfig-refresh");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
    }

    /**
     * {@code withEksKubeConfig}: describes the EKS cluster, then writes its kubeconfig with a token signed with
     * {@code credentials} and renewed while the file is open.
     */
    public static EksKubeconfigFile open(
            Path parent,
            String cluster,
            software.amazon.awssdk.regions.Region region,
            software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials,
            java.util.Optional<java.net.URI> endpointOverride) {
        EksCluster described = EksCluster.describe(cluster, region, credentials, endpointOverride);
        java.time.Clock clock = java.time.Clock.systemUTC();
        RefreshingEksToken token =
                new RefreshingEksToken(new EksTokenGenerator(credentials, region, clock), cluster, clock);
        return open(parent, described, token);
    }

    /**
     * Writes the kubeconfig and starts renewing its token in the background.
     *
     * @param parent where the private directory is made, e.g. the build's temporary directory
     */
    public static EksKubeconfigFile open(Path parent, EksCluster cluster, RefreshingEksToken token) {
        return open(parent, cluster, token, true);
    }

    /** As {@link #open(Path, EksCluster, RefreshingEksToken)}; without the background thread when not scheduled. */
    static EksKubeconfigFile open(Path parent, EksCluster cluster, RefreshingEksToken token, boolean scheduled) {
        Objects.requireNonNull(cluster);
        Objects.requireNonNull(token);
        Path directory;
        try {
            Files.createDirectories(parent);
            directory = Files.createTempDirectory(
                    parent,
                    "eks-kubeconfig",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new DeliveryException(
                    "creating a private directory for the kubeconfig in " + parent + ": " + e.getMessage());
        }
        EksKubeconfigFile kubeconfig = new EksKubeconfigFile(directory, cluster, token, scheduled);
        kubeconfig.refreshIfDue();
        if (scheduled) {
            long seconds = CHECK_INTERVAL.toSeconds();
            kubeconfig.refresher.scheduleWithFixedDelay(kubeconfig::refreshQuietly, seconds, seconds, TimeUnit.SECONDS);
        }
        return kubeconfig;
    }

    /** The file to put into {@code KUBECONFIG}. */
    public Path path() {
        return file;
    }

    /** Rewrites the file when the token it holds is no longer the current one; true when it did. */
    public synchronized boolean refreshIfDue() {
        EksToken current = token.current();
        if (current == written) {
            return false;
        }
        write(current);
        written = current;
        return true;
    }

    private void refreshQuietly() {
        try {
            refreshIfDue();
        } catch (RuntimeException e) {
            // The next check tries again; kubectl keeps the previous token until then.
        }
    }

    private void write(EksToken current) {
        Path temporary = directory.resolve(".kubeconfig.tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, render(current), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DeliveryException(
                    "writing the kubeconfig for EKS cluster " + cluster.name() + " to " + file + ": " + e.getMessage());
        }
    }

    private String render(EksToken current) {
        String name = quote(cluster.name());
        StringBuilder yaml = new StringBuilder()
                .append("apiVersion: v1\n")
                .append("kind: Config\n")
                .append("clusters:\n")
                .append("- name: ")
                .append(name)
                .append('\n')
                .append("  cluster:\n")
                .append("    server: ")
                .append(quote(cluster.endpoint()))
                .append('\n');
        if (cluster.certificateAuthorityData() != null) {
            yaml.append("    certificate-authority-data: ")
                    .append(cluster.certificateAuthorityData())
                    .append('\n');
        }
        return yaml.append("contexts:\n")
                .append("- name: ")
                .append(name)
                .append('\n')
                .append("  context:\n")
                .append("    cluster: ")
                .append(name)
                .append('\n')
                .append("    user: ")
                .append(name)
                .append('\n')
                .append("current-context: ")
                .append(name)
                .append('\n')
                .append("users:\n")
                .append("- name: ")
                .append(name)
                .append('\n')
                .append("  user:\n")
                .append("    token: ")
                .append(current.value())
                .append('\n')
                .toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Stops renewing and deletes the file and its directory. */
    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new DeliveryException("deleting the kubeconfig directory " + directory + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "EksKubeconfigFile[" + file + "]";
    }
}
