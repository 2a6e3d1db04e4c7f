package io.jenkins.plugins.awsdelivery.checks;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository under check: {@code -Drepository.root} as the module's POM sets it, else the parent folder. */
final class Repository {
    private Repository() {}

    static Path root() {
        Path root = Path.of(System.getProperty("repository.root", ".."))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("examples"))) {
            throw new IllegalStateException(root + " is not the repository root; run the tests through Maven");
        }
        return root;
    }
}
