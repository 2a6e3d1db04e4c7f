package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.List;

/**
 * An image a test pushed: where, its top manifest digest and media type, the digests of the child manifests (an
 * index) and of every blob, and the sum of the layer sizes.
 */
public record PushedImage(
        String registry,
        String repository,
        String tag,
        Digest digest,
        String mediaType,
        List<Digest> children,
        List<Digest> blobs,
        long layerBytes) {

    /** {@code registry/repository:tag}. */
    public String reference() {
        return registry + "/" + repository + ":" + tag;
    }
}
