package io.jenkins.plugins.awsdelivery.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigDirectoryTest {
    private static final String REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    @TempDir
    Path temp;

    @Test
    void create_copiesTheUsersOtherLoginsButNoCredentialStoreOrEntryForTheTargetRegistry() throws Exception {
        Path user = Files.createDirectories(temp.resolve("user"));
        Files.writeString(
                user.resolve("config.json"),
                "{\"auths\":{\"registry.example.com\":{\"auth\":\"b3RoZXI6bG9naW4=\"},\"" + REGISTRY
                        + "\":{\"auth\":\"b2xkOnRva2Vu\"}},\"credsStore\":\"desktop\",\"credHelpers\":{\"" + REGISTRY
                        + "\":\"ecr-login\",\"gcr.io\":\"gcloud\"}}");

        try (DockerConfigDirectory directory =
                DockerConfigDirectory.create(temp, Map.of("DOCKER_CONFIG", user.toString()), REGISTRY)) {
            JsonNode copy = new ObjectMapper()
                    .readTree(directory.path().resolve("config.json").toFile());

            assertThat(copy.has("credsStore")).isFalse();
            assertThat(copy.path("auths").has("registry.example.com")).isTrue();
            assertThat(copy.path("auths").has(REGISTRY)).isFalse();
            assertThat(copy.path("credHelpers").has(REGISTRY)).isFalse();
            assertThat(copy.path("credHelpers").path("gcr.io").asText()).isEqualTo("gcloud");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.path())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void close_deletesTheDirectoryWithEverythingInIt() throws Exception {
        DockerConfigDirectory directory = DockerConfigDirectory.create(
                temp, Map.of("DOCKER_CONFIG", temp.resolve("none").toString()), REGISTRY);
        Files.writeString(directory.path().resolve("config.json"), "{\"auths\":{}}");

        directory.close();

        assertThat(directory.path()).doesNotExist();
    }
}
