package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One Kubernetes object as written in a manifest file: the YAML document's text exactly as in the file (comments and
 * quoting kept), where it came from, and its parsed tree for finding the places to edit. Immutable.
 */
public final class Manifest {
    private final String source;
    private final int line;
    private final String fileText;
    private final MappingNode root;

    Manifest(String source, int line, String fileText, MappingNode root) {
        this.source = Objects.requireNonNull(source);
        this.line = line;
        this.fileText = Objects.requireNonNull(fileText);
        this.root = Objects.requireNonNull(root);
    }

    /** The file the document came from, as the user named it. */
    public String source() {
        return source;
    }

    /** The 1-based line where the document starts in {@link #source()}. */
    public int line() {
        return line;
    }

    /** {@code file:line}, for messages. */
    public String location() {
        return source + ":" + line;
    }

    /** The document's text, byte for byte as in the file. */
    public String text() {
        return fileText.substring(
                        offset(root.getStartMark().getIndex()),
                        offset(root.getEndMark().getIndex()))
                .stripTrailing();
    }

    public String kind() {
        return scalar(root, "kind").orElse("");
    }

    public String apiVersion() {
        return scalar(root, "apiVersion").orElse("");
    }

    public String name() {
        return metadata().flatMap(metadata -> scalar(metadata, "name")).orElse("");
    }

    public Optional<String> namespace() {
        return metadata().flatMap(metadata -> scalar(metadata, "namespace")).filter(ns -> !ns.isEmpty());
    }

    /** {@code Kind/name}, as kubectl prints it. */
    public String displayName() {
        return kind() + "/" + name();
    }

    MappingNode root() {
        return root;
    }

    Optional<MappingNode> metadata() {
        return child(root, "metadata").filter(MappingNode.class::isInstance).map(MappingNode.class::cast);
    }

    /** Converts a snakeyaml mark index (code points) into an index into the file's Java string. */
    int offset(int codePointIndex) {
        return fileText.offsetByCodePoints(0, codePointIndex);
    }

    String fileText() {
        return fileText;
    }

    static Optional<Node> child(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(tuple.getValueNode());
            }
        }
        return Optional.empty();
    }

    static Optional<String> scalar(MappingNode mapping, String key) {
        return child(mapping, key).filter(ScalarNode.class::isInstance).map(node -> ((ScalarNode) node).getValue());
    }

    @Override
    public String toString() {
        return displayName() + " (" + location() + ")";
    }
}
