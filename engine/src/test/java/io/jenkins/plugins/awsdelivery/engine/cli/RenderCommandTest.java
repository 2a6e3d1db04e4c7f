package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    static final String DIGEST = "sha256:" + "c".repeat(64);
    static final String PINNED = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web@" + DIGEST;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DeliveryCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    static final String MANIFESTS =
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  initContainers:
                  - name: migrate
                    image: shop/web:1.0
                  containers:
                  - name: web
                    image: shop/web:1.0
                  - name: proxy
                    image: "Nginx:1.25"
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: report
            spec:
              schedule: "@daily"
              jobTemplate:
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: wait
                        image: busybox:1.36
                      containers:
                      - name: report
                        image: docker.io/shop/web:1.0
            """;

    @Test
    void render_printsMultiDocumentYamlWithMatchedImagesPinnedAndOthersUntouched() throws Exception {
        Files.writeString(dir.resolve("app.yaml"), MANIFESTS);

        int exit = run(
                "render", dir.resolve("app.yaml").toString(), "--image", "shop/web=" + PINNED, "--namespace", "shop");

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        String expected = MANIFESTS
                .replace("shop/web:1.0", PINNED)
                .replace("docker.io/" + PINNED, PINNED)
                .replace("metadata:\n  name:", "metadata:\n  namespace: shop\n  name:");
        assertThat(out.toString()).isEqualTo(expected);
        assertThat(out.toString()).contains("image: \"Nginx:1.25\"").contains("image: busybox:1.36");
    }

    @Test
    void render_whenReferenceHasNoDigest_exitsNonZeroWithOneLine() throws Exception {
        Files.writeString(dir.resolve("app.yaml"), MANIFESTS);

        int exit = run("render", dir.resolve("app.yaml").toString(), "--image", "shop/web=shop/web:2.0");

        assertThat(exit).isNotZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("has no digest");
    }

    @Test
    void render_whenYamlIsInvalid_namesFileAndLine() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n");

        int exit = run("render", file.toString(), "--image", "shop/web=" + PINNED);

        assertThat(exit).isNotZero();
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains(file + ":5: invalid YAML");
    }
}
