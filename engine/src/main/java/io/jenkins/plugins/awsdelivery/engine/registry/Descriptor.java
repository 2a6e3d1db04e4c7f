package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.Objects;

/**
 * What a manifest says about a blob or a child manifest: media type, digest and size in bytes. {@code platform} is
 * {@code os/architecture[/variant]} for the children of an index, null otherwise.
 */
public record Descriptor(String mediaType, Digest digest, long size, String platform) {
    public Descriptor {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + digest);
        }
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null);
    }
}
