package io.jenkins.plugins.awsdelivery.engine.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private {@code DOCKER_CONFIG} for one build and push: {@code docker login} writes the registry password there
 * instead of the user's configuration, and {@link #close()} deletes it, also when the build failed. The user's
 * {@code config.json} is copied in first so that logins to other registries (base images) keep working; its
 * {@code credsStore} is dropped, and so is a credential helper for the target registry, so that the password never
 * lands in a store that outlives the build.
 */
final class DockerConfigDirectory implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    private DockerConfigDirectory(Path path) {
        this.path = path;
    }

    /**
     * @param parent where to create it; null for the system temporary directory
     * @param environment the docker commands' environment, for the user's {@code DOCKER_CONFIG}
     * @param registry the registry to log in to
     */
    static DockerConfigDirectory create(Path parent, Map<String, String> environment, String registry) {
        try {
            Path path = parent == null
                    ? Files.createTempDirectory("docker-config", owner())
                    : Files.createTempDirectory(parent, "docker-config", owner());
            DockerConfigDirectory directory = new DockerConfigDirectory(path);
            try {
                directory.copyUserConfig(environment, registry);
            } catch (IOException | RuntimeException e) {
                directory.close();
                throw e;
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary DOCKER_CONFIG directory", e);
        }
    }

    private static java.nio.file.attribute.FileAttribute<?> owner() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    }

    private void copyUserConfig(Map<String, String> environment, String registry) throws IOException {
        String configured = environment.get("DOCKER_CONFIG");
        String home = environment.get("HOME");
        Path userDirectory = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : home != null && !home.isBlank() ? Path.of(home, ".docker") : null;
        if (userDirectory == null) {
            return;
        }
        Path userConfig = userDirectory.resolve("config.json");
        if (!Files.isRegularFile(userConfig)) {
            return;
        }
        ObjectNode config;
        try {
            config = (ObjectNode) JSON.readTree(userConfig.toFile());
        } catch (IOException | ClassCastException e) {
            return; // An unreadable user configuration is not ours to repair; start from an empty one.
        }
        config.remove("credsStore");
        if (config.get("credHelpers") instanceof ObjectNode helpers) {
            helpers.remove(registry);
        }
        if (config.get("auths") instanceof ObjectNode auths) {
            auths.remove(registry);
        }
        Path copy = path.resolve("config.json");
        Files.createFile(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(copy.toFile(), config);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary DOCKER_CONFIG " + path, e);
        }
    }
}
