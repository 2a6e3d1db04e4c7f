package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestRendererTest {
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final String PINNED = "registry.example.com:5000/shop/web@" + DIGEST;
    static final ImagePins PINS = ImagePins.of(Map.of("registry.example.com:5000/shop/web", PINNED));

    static List<RenderedManifest> render(String yaml, ImagePins pins, String namespace) {
        return ManifestRenderer.render(ManifestLoader.parse("app.yaml", yaml), pins, namespace);
    }

    static String podSpec(String indent) {
        return (indent + "initContainers:\n" + indent + "- name: migrate\n" + indent
                + "  image: registry.example.com:5000/shop/web:1.0\n" + indent + "containers:\n" + indent
                + "- name: web\n" + indent + "  image: \"registry.example.com:5000/shop/web:1.0\"  # app\n"
                + indent + "- name: proxy\n" + indent + "  image: 'nginx:1.25'\n");
    }

    @Test
    void render_pinsContainersAndInitContainersInEveryWorkloadKind() {
        String template = "  template:\n    metadata:\n      labels: {app: web}\n    spec:\n" + podSpec("      ");
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n" + podSpec("  ")
                + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n" + template
                + "---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n" + template
                + "---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n" + template
                + "---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n" + template
                + "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n" + template
                + "---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: '0 * * * *'\n"
                + "  jobTemplate:\n    spec:\n      template:\n        spec:\n" + podSpec("          ");

        List<RenderedManifest> rendered = render(yaml, PINS, null);

        assertThat(rendered).hasSize(7).allSatisfy(manifest -> {
            assertThat(manifest.text())
                    .contains("image: " + PINNED + "\n")
                    .contains("image: \"" + PINNED + "\"  # app\n")
                    .endsWith("image: 'nginx:1.25'")
                    .doesNotContain("shop/web:1.0");
            assertThat(manifest.images())
                    .containsExactly(
                            new ContainerImage("migrate", PINNED, true, true),
                            new ContainerImage("web", PINNED, false, true),
                            new ContainerImage("proxy", "nginx:1.25", false, false));
        });
    }

    @Test
    void render_leavesEverythingButThePinnedValuesByteForByteAlone() {
        String yaml = "# leading comment\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d  # name\n"
                + "spec:\n  template:\n    spec:\n      containers:\n      - name: web\n"
                + "        image: registry.example.com:5000/shop/web:1.0\n      - name: side\n"
                + "        image: docker.io/library/busybox:1.36@sha256:" + "b".repeat(64) + "\n"
                + "        args: [\"--flag=yes\", on, 0755]\n";

        String text = render(yaml, PINS, null).get(0).text();

        String expected = yaml.substring(yaml.indexOf("apiVersion"))
                .replace("registry.example.com:5000/shop/web:1.0", PINNED)
                .stripTrailing();
        assertThat(text).isEqualTo(expected);
    }

    @Test
    void render_matchesNamesAfterDockerNormalisation() {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                + "  - name: a\n    image: nginx:1.25\n  - name: b\n    image: docker.io/library/nginx\n";
        String pinned = "docker.io/library/nginx@" + DIGEST;

        String text =
                render(yaml, ImagePins.of(Map.of("nginx", pinned)), null).get(0).text();

        assertThat(text).contains("name: a\n    image: " + pinned).contains("name: b\n    image: " + pinned);
    }

    @Test
    void render_givesTheNamespaceToNamespacedObjectsWithoutOne() {
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: block\n  labels:\n    a: b\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flow}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: own\n  namespace: other\n";

        List<RenderedManifest> rendered = render(yaml, ImagePins.none(), "shop");

        assertThat(rendered.get(0).text()).doesNotContain("namespace");
        assertThat(rendered.get(1).text()).contains("metadata:\n  namespace: shop\n  name: block\n  labels:");
        assertThat(rendered.get(2).text()).contains("metadata: {namespace: shop, name: flow}");
        assertThat(rendered.get(3).text()).contains("namespace: other").doesNotContain("shop");
        assertThat(rendered).extracting(RenderedManifest::namespace).containsExactly(null, "shop", "shop", "other");
    }

    @Test
    void render_whenANameMatchesNoImage_isRefusedNamingIt() {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                + "  - name: a\n    image: nginx:1.25\n";

        assertThatThrownBy(() -> render(yaml, ImagePins.of(Map.of("shop/wbe", "shop/web@" + DIGEST)), null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("shop/wbe matched no container image");
    }

    @Test
    void imagePins_whenReferenceHasNoDigest_isRefused() {
        assertThatThrownBy(() -> ImagePins.parse(List.of("shop/web=registry.example.com/shop/web:2.0")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("shop/web=registry.example.com/shop/web:2.0 has no digest");
    }

    @Test
    void render_imagesInNonWorkloadKindsAreNeverTouched() {
        String yaml = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  template:\n"
                + "    spec:\n      containers:\n      - name: a\n        image: registry.example.com:5000/shop/web:1\n";

        assertThatThrownBy(() -> render(yaml, PINS, null)).hasMessageContaining("matched no container image");
        assertThat(render(yaml, ImagePins.none(), null).get(0).text()).contains("shop/web:1");
    }

    @Test
    void render_writesTheReferenceExactlyAsGiven() {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                + "  - name: a\n    image: docker.io/library/nginx:1.25\n";

        String text = render(yaml, ImagePins.of(Map.of("nginx", "nginx@" + DIGEST)), null)
                .get(0)
                .text();

        assertThat(text).endsWith("image: nginx@" + DIGEST);
    }
}
