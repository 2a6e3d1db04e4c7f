package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A kubeconfig for kubectl and helm users ({@code withEksKubeConfig}): one cluster, one context, and a user whose
 * bearer token is read from a separate token file ({@code tokenFile}), both mode 0600 inside a fresh 0700 folder.
 * client-go re-reads a token file (at most once a minute), so a caller keeps even a long-running kubectl authenticated
 * by {@linkplain #renewToken renewing} the token file before the token expires; nothing here runs in the background.
 * Files are replaced atomically, so a reader never sees half a file.
 */
public final class EksKubeconfigFile {
    static final String KUBECONFIG = "kubeconfig";
    static final String TOKEN = "token";

    private final Path directory;

    private EksKubeconfigFile(Path directory) {
        this.directory = directory;
    }

    /** The files of a kubeconfig written earlier, in {@code directory}. */
    public static EksKubeconfigFile in(Path directory) {
        return new EksKubeconfigFile(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * Writes the kubeconfig and its first token into a new private folder below {@code parent}.
     *
     * @param parent where the private folder is made, e.g. the build's temporary folder
     */
    public static EksKubeconfigFile write(Path parent, EksCluster cluster, EksToken token) {
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
        EksKubeconfigFile kubeconfig = new EksKubeconfigFile(directory);
        kubeconfig.renewToken(token);
        kubeconfig.replace(kubeconfig.path(), kubeconfig.render(cluster), "the kubeconfig of " + cluster.name());
        return kubeconfig;
    }

    public Path directory() {
        return directory;
    }

    /** The file to put into {@code KUBECONFIG}. */
    public Path path() {
        return directory.resolve(KUBECONFIG);
    }

    /** The file the kubeconfig's user reads its bearer token from. */
    public Path tokenFile() {
        return directory.resolve(TOKEN);
    }

    /** Replaces the token file's content with {@code token}. */
    public void renewToken(EksToken token) {
        if (!Files.isDirectory(directory)) {
            throw new DeliveryException("the kubeconfig folder " + directory + " is gone; the block that used it has"
                    + " ended or its files were deleted");
        }
        replace(tokenFile(), token.value(), "the EKS token");
    }

    private void replace(Path file, String content, String what) {
        Path temporary = directory.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DeliveryException("writing " + what + " to " + file + ": " + e.getMessage());
        }
    }

    private String render(EksCluster cluster) {
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
                .append("    tokenFile: ")
                .append(quote(tokenFile().toString()))
                .append('\n')
                .toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Deletes the kubeconfig, the token file and their folder. */
    public void delete() {
        if (!Files.exists(directory)) {
            return;
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
        return "EksKubeconfigFile[" + path() + "]";
    }
}
