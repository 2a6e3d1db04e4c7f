package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import static io.jenkins.plugins.awsdelivery.engine.kube.manifest.ManifestLoaderTest.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checked-out repository decides what its manifest folder holds, links included; a link must not make the deploy
 * read a file of the agent outside that folder unless the caller allows it.
 */
class ManifestSymlinkTest {
    private static final String AGENT_SECRET = "agent-only-value";

    @TempDir
    Path dir;

    private Path agentFile;

    @BeforeEach
    void manifestFolderAndAFileOutsideIt() throws IOException {
        Files.createDirectories(dir.resolve("repo/k8s"));
        Files.writeString(dir.resolve("repo/k8s/app.yaml"), configMap("app"));
        agentFile = Files.createDirectories(dir.resolve("agent")).resolve("config.yaml");
        Files.writeString(agentFile, configMap(AGENT_SECRET));
    }

    @Test
    void load_directory_whenAFileLinksOutsideTheFolder_isRefusedNamingTheLink() throws IOException {
        Files.createSymbolicLink(dir.resolve("repo/k8s/zz-linked.yaml"), agentFile);

        assertThatThrownBy(() -> ManifestLoader.load(List.of("k8s"), dir.resolve("repo")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("manifests: k8s/zz-linked.yaml is a symbolic link that leads outside ")
                .hasMessageContaining("followSymlinks")
                .hasMessageNotContaining(AGENT_SECRET);
    }

    @Test
    void load_glob_whenAMatchLinksOutsideTheGlobsFolder_isRefusedNamingTheLink() throws IOException {
        Files.createSymbolicLink(dir.resolve("repo/k8s/zz-linked.yaml"), agentFile);

        assertThatThrownBy(() -> ManifestLoader.load(List.of("k8s/*.yaml"), dir.resolve("repo")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("manifests: k8s/zz-linked.yaml is a symbolic link that leads outside ");
    }

    @Test
    void load_namedFile_whenItLinksOutsideItsFolder_isRefused() throws IOException {
        Files.createSymbolicLink(dir.resolve("repo/k8s/linked.yaml"), agentFile);

        assertThatThrownBy(() -> ManifestLoader.load(List.of("k8s/linked.yaml"), dir.resolve("repo")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("manifests: k8s/linked.yaml is a symbolic link that leads outside ");
    }

    @Test
    void load_whenALinkStaysInsideTheFolder_readsIt() throws IOException {
        Files.createDirectories(dir.resolve("repo/k8s/shared"));
        Files.writeString(dir.resolve("repo/k8s/shared/base.yaml"), configMap("base"));
        Files.createSymbolicLink(dir.resolve("repo/k8s/zz-base.yaml"), dir.resolve("repo/k8s/shared/base.yaml"));

        assertThat(ManifestLoader.load(List.of("k8s/*.yaml"), dir.resolve("repo")))
                .extracting(Manifest::name)
                .containsExactly("app", "base");
    }

    @Test
    void load_withFollowSymlinks_readsALinkLeadingOutside() throws IOException {
        Files.createSymbolicLink(dir.resolve("repo/k8s/zz-linked.yaml"), agentFile);

        List<Manifest> manifests =
                ManifestLoader.loader().followSymlinks(true).loadAll(List.of("k8s"), dir.resolve("repo"));

        assertThat(manifests).extracting(Manifest::name).containsExactly("app", AGENT_SECRET);
    }
}
