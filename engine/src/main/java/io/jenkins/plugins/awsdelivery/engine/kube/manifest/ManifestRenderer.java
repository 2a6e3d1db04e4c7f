package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Pins images and fills in the namespace by editing the document text in place: only the replaced image values and
 * the added {@code namespace} key change, so comments, quoting, key order and every other image stay byte for byte as
 * written.
 */
public final class ManifestRenderer {

    private ManifestRenderer() {}

    /**
     * Renders all manifests. Fails when a NAME matched no container image in any workload: a typo there would
     * otherwise deploy the old image while reporting the new one.
     *
     * @param defaultNamespace given to namespaced objects that name none; null to leave them as they are
     */
    public static List<RenderedManifest> render(List<Manifest> manifests, ImagePins pins, String defaultNamespace) {
        List<RenderedManifest> rendered = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        for (Manifest manifest : manifests) {
            rendered.add(render(manifest, pins, defaultNamespace, matched));
        }
        Set<String> unmatched = new TreeSet<>(pins.names());
        unmatched.removeAll(matched);
        if (!unmatched.isEmpty()) {
            List<String> names = unmatched.stream().map(pins::givenName).toList();
            throw new InvalidParameterException(
                    "image",
                    String.join(", ", names) + " matched no container image in the workloads of the manifests; "
                            + "NAME must be the image repository the manifests use (compared after Docker "
                            + "normalisation, e.g. nginx = docker.io/library/nginx)");
        }
        return List.copyOf(rendered);
    }

    private static RenderedManifest render(
            Manifest manifest, ImagePins pins, String defaultNamespace, Set<String> matched) {
        List<Edit> edits = new ArrayList<>();
        List<ContainerImage> images = new ArrayList<>();
        Optional<MappingNode> podSpec = podSpec(manifest);
        podSpec.ifPresent(spec -> {
            collect(manifest, spec, "initContainers", true, pins, edits, images, matched);
            collect(manifest, spec, "containers", false, pins, edits, images, matched);
        });
        String namespace = manifest.namespace().orElse(null);
        if (namespace == null && defaultNamespace != null && WorkloadKinds.isNamespaced(manifest.kind())) {
            edits.add(namespaceEdit(manifest, defaultNamespace));
            namespace = defaultNamespace;
        }
        return new RenderedManifest(manifest, apply(manifest, edits), namespace, images);
    }

    private static Optional<MappingNode> podSpec(Manifest manifest) {
        if (!WorkloadKinds.hasPodSpec(manifest.kind())) {
            return Optional.empty();
        }
        MappingNode node = manifest.root();
        for (String key : WorkloadKinds.podSpecPath(manifest.kind())) {
            Optional<Node> child = Manifest.child(node, key);
            if (child.isEmpty() || !(child.get() instanceof MappingNode mapping)) {
                return Optional.empty();
            }
            node = mapping;
        }
        return Optional.of(node);
    }

    private static void collect(
            Manifest manifest,
            MappingNode podSpec,
            String listKey,
            boolean init,
            ImagePins pins,
            List<Edit> edits,
            List<ContainerImage> images,
            Set<String> matched) {
        Optional<Node> list = Manifest.child(podSpec, listKey);
        if (list.isEmpty() || !(list.get() instanceof SequenceNode sequence)) {
            return;
        }
        for (Node item : sequence.getValue()) {
            if (!(item instanceof MappingNode container)) {
                continue;
            }
            String name = Manifest.scalar(container, "name").orElse("");
            Optional<Node> imageNode = Manifest.child(container, "image");
            if (imageNode.isEmpty() || !(imageNode.get() instanceof ScalarNode scalar)) {
                continue;
            }
            String image = scalar.getValue();
            Optional<String> pin = pins.replacementFor(image);
            if (pin.isPresent()) {
                matched.add(ImagePins.normalisedName(image).orElseThrow());
                String replacement = pin.get();
                if (!replacement.equals(image)) {
                    edits.add(new Edit(
                            manifest.offset(scalar.getStartMark().getIndex()),
                            manifest.offset(scalar.getEndMark().getIndex()),
                            quoted(replacement, scalar.getScalarStyle())));
                }
                images.add(new ContainerImage(name, replacement, init, true));
            } else {
                images.add(new ContainerImage(name, image, init, false));
            }
        }
    }

    /** Keeps the quoting style the author chose for the value being replaced. */
    private static String quoted(String value, DumperOptions.ScalarStyle style) {
        return switch (style) {
            case DOUBLE_QUOTED -> "\"" + value + "\"";
            case SINGLE_QUOTED -> "'" + value + "'";
            default -> value;
        };
    }

    private static Edit namespaceEdit(Manifest manifest, String namespace) {
        MappingNode metadata = manifest.metadata()
                .orElseThrow(() -> new InvalidParameterException(
                        "manifests", manifest.location() + ": " + manifest.kind() + " has no metadata"));
        Node firstKey = metadata.getValue().get(0).getKeyNode();
        int at = manifest.offset(firstKey.getStartMark().getIndex());
        String insertion = metadata.getFlowStyle() == DumperOptions.FlowStyle.FLOW
                ? "namespace: " + namespace + ", "
                : "namespace: " + namespace + "\n"
                        + " ".repeat(firstKey.getStartMark().getColumn());
        return new Edit(at, at, insertion);
    }

    private static String apply(Manifest manifest, List<Edit> edits) {
        int documentStart = manifest.offset(manifest.root().getStartMark().getIndex());
        StringBuilder text = new StringBuilder(manifest.text());
        edits.stream()
                .sorted(Comparator.comparingInt(Edit::start).reversed())
                .forEach(edit -> text.replace(edit.start - documentStart, edit.end - documentStart, edit.replacement));
        return text.toString();
    }

    private record Edit(int start, int end, String replacement) {}
}
