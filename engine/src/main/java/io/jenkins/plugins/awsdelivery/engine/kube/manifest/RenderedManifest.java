package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import java.util.List;
import java.util.Objects;

/**
 * A manifest after pinning and namespace defaulting: the text to apply (the original document with only the changed
 * image values and an added namespace edited in place), and the container images it now names.
 */
public record RenderedManifest(Manifest manifest, String text, String namespace, List<ContainerImage> images) {
    public RenderedManifest {
        Objects.requireNonNull(manifest);
        Objects.requireNonNull(text);
        images = List.copyOf(images);
    }

    public String kind() {
        return manifest.kind();
    }

    public String name() {
        return manifest.name();
    }

    /** {@code Kind/name}. */
    public String displayName() {
        return manifest.displayName();
    }
}
