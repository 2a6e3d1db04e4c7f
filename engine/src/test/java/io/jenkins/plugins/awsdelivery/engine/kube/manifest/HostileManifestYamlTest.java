package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.cli.DeliveryCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile manifests: YAML alias bombs (lists, maps, merge keys) and duplicate keys are
 * refused quickly, with an error naming the file (and the line where there is one); {@code delivery render} turns
 * them into one line on stderr and prints nothing.
 */
class HostileManifestYamlTest {
    private static final String DEPLOYMENT_HEAD = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";

    @TempDir
    Path dir;

    @Test
    void load_whenABillionLaughsListBombArrives_refusesItQuicklyNamingTheFile() throws Exception {
        Path file = write("lol.yaml", DEPLOYMENT_HEAD + "spec:\n" + laughs("    ", "[", "]"));

        assertRefusedQuickly(file, "aliases");
    }

    @Test
    void load_whenAMapAliasBombArrives_refusesItQuicklyNamingTheFile() throws Exception {
        Path file = write("maps.yaml", DEPLOYMENT_HEAD + "spec:\n" + laughs("    ", "{k0: ", "}"));

        assertRefusedQuickly(file, "aliases");
    }

    @Test
    void load_whenMergeKeysMultiplyAMap_refusesItQuicklyNamingTheFile() throws Exception {
        StringBuilder yaml = new StringBuilder(DEPLOYMENT_HEAD).append("spec:\n  l0: &l0 {a: b, c: d}\n");
        for (int level = 1; level <= 30; level++) {
            yaml.append("  l")
                    .append(level)
                    .append(": &l")
                    .append(level)
                    .append(" {<<: [*l")
                    .append(level - 1)
                    .append(", *l")
                    .append(level - 1)
                    .append("], x")
                    .append(level)
                    .append(": [*l")
                    .append(level - 1)
                    .append(", *l")
                    .append(level - 1)
                    .append("]}\n");
        }
        Path file = write("merge.yaml", yaml.toString());

        assertRefusedQuickly(file, "aliases");
    }

    @Test
    void load_whenTheRootHasADuplicateKey_refusesItNamingFileAndLine() throws Exception {
        Path file = write("dup-root.yaml", DEPLOYMENT_HEAD + "spec:\n  replicas: 1\nmetadata:\n  name: other\n");

        assertThatThrownBy(() -> ManifestLoader.load(List.of(file.toString()), dir))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(file + ":7: invalid YAML: duplicate key metadata");
    }

    @Test
    void load_whenAContainerHasADuplicateImageKey_refusesItNamingFileAndLine() throws Exception {
        // A second image: line would silently win in a lenient parser and deploy an unpinned image.
        Path file = write(
                "dup-image.yaml",
                DEPLOYMENT_HEAD + "spec:\n  template:\n    spec:\n      containers:\n        - name: app\n"
                        + "          image: shop/web@sha256:" + "a".repeat(64)
                        + "\n          image: evil/miner:latest\n");

        assertThatThrownBy(() -> ManifestLoader.load(List.of(file.toString()), dir))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(file + ":11: invalid YAML: duplicate key image");
    }

    @Test
    void render_withAnAliasBomb_exitsNonZeroWithOneLineNamingTheFileAndPrintsNothing() throws Exception {
        Path file = write("cli-lol.yaml", DEPLOYMENT_HEAD + "spec:\n" + laughs("    ", "[", "]"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = DeliveryCommand.execute(
                new String[] {
                    "render",
                    file.toString(),
                    "--image",
                    "shop/web=registry.example.com/shop/web@sha256:" + "b".repeat(64)
                },
                new PrintWriter(out),
                new PrintWriter(err));

        assertThat(exitCode).isNotZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).doesNotContain("\n").contains(file.toString());
    }

    /** Nine levels of ten aliases each: 10^9 leaves once expanded. */
    private static String laughs(String indent, String open, String close) {
        StringBuilder yaml = new StringBuilder(indent.substring(2)).append("  lol0: &lol0 \"lol\"\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append(indent.substring(2))
                    .append("  lol")
                    .append(level)
                    .append(": &lol")
                    .append(level)
                    .append(' ');
            yaml.append(open);
            for (int i = 0; i < 10; i++) {
                if (i > 0) {
                    yaml.append(open.equals("[") ? ", " : ", k" + i + ": ");
                }
                yaml.append("*lol").append(level - 1);
            }
            yaml.append(close).append('\n');
        }
        return yaml.toString();
    }

    private void assertRefusedQuickly(Path file, String problem) {
        long start = System.nanoTime();

        assertThatThrownBy(() -> render(file))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(problem);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    private void render(Path file) {
        ManifestRenderer.render(
                ManifestLoader.load(List.of(file.toString()), dir),
                ImagePins.parse(List.of("shop/web=registry.example.com/shop/web@sha256:" + "b".repeat(64))),
                null);
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
