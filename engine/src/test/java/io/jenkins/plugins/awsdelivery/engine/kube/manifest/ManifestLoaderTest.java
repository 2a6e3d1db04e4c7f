package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
    @TempDir
    Path dir;

    static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
    }

    private void write(String path, String content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void load_readsEveryDocumentOfAMultiDocumentFileWithItsLine() throws Exception {
        write("app.yaml", configMap("a") + "---\n# comment\n" + configMap("b") + "---\n---\n");

        List<Manifest> manifests = ManifestLoader.load(List.of("app.yaml"), dir);

        assertThat(manifests).extracting(Manifest::name).containsExactly("a", "b");
        assertThat(manifests).extracting(Manifest::location).containsExactly("app.yaml:1", "app.yaml:7");
    }

    @Test
    void load_directory_readsYamlYmlAndJsonFilesBelowItInNameOrder() throws Exception {
        write("k8s/b.yml", configMap("b"));
        write("k8s/a.yaml", configMap("a"));
        write("k8s/sub/c.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");
        write("k8s/README.md", "not a manifest");

        List<Manifest> manifests = ManifestLoader.load(List.of("k8s"), dir);

        assertThat(manifests).extracting(Manifest::name).containsExactly("a", "b", "c");
    }

    @Test
    void load_glob_readsTheMatchingFiles() throws Exception {
        write("k8s/a.yaml", configMap("a"));
        write("k8s/b.yml", configMap("b"));
        write("k8s/sub/c.yaml", configMap("c"));

        assertThat(ManifestLoader.load(List.of("k8s/*.yaml"), dir))
                .extracting(Manifest::name)
                .containsExactly("a");
        assertThat(ManifestLoader.load(List.of("k8s/**.yaml"), dir))
                .extracting(Manifest::name)
                .containsExactly("a", "c");
    }

    @Test
    void load_whenYamlIsInvalid_namesFileAndLine() throws Exception {
        write("bad.yaml", configMap("a") + "data:\n  key: [unclosed\n  other: x\n");

        assertThatThrownBy(() -> ManifestLoader.load(List.of("bad.yaml"), dir))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageMatching("manifests: bad\\.yaml:[67]: invalid YAML: .*");
    }

    @Test
    void load_whenAKeyIsDuplicated_isRefusedWithFileAndLine() throws Exception {
        write("dup.yaml", configMap("a") + "data:\n  key: one\n  key: two\n");

        assertThatThrownBy(() -> ManifestLoader.load(List.of("dup.yaml"), dir))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("dup.yaml:7: invalid YAML")
                .hasMessageContaining("duplicate key key");
    }

    @Test
    void load_whenAliasesMultiply_isRefused() throws Exception {
        StringBuilder bomb = new StringBuilder(configMap("a")).append("data:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = String.valueOf((char) (c - 1));
            bomb.append("  ")
                    .append(c)
                    .append(": &")
                    .append(c)
                    .append(" [*")
                    .append(prev)
                    .append(", *")
                    .append(prev)
                    .append(", *")
                    .append(prev)
                    .append(", *")
                    .append(prev)
                    .append("]\n");
        }
        write("bomb.yaml", bomb.toString());

        assertThatThrownBy(() -> ManifestLoader.load(List.of("bomb.yaml"), dir))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("bomb.yaml")
                .hasMessageContaining("aliases");
    }

    @Test
    void load_whenPathDoesNotExist_saysSo() {
        assertThatThrownBy(() -> ManifestLoader.load(List.of("missing.yaml"), dir))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("manifests: missing.yaml does not exist; name a file, directory or glob");
    }
}
