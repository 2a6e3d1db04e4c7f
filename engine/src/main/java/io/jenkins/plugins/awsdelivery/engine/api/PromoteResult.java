package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.List;
import java.util.Map;

/**
 * {@code source, destination, digest, mediaType, manifests, blobsCopied, blobsMounted, blobsSkipped, bytesCopied,
 * referrers}: the digest is the same on both sides.
 */
public final class PromoteResult extends Result {
    private static final long serialVersionUID = 1L;

    PromoteResult(Map<String, ?> values) {
        super(values);
    }

    public String source() {
        return string("source");
    }

    public String destination() {
        return string("destination");
    }

    public String digest() {
        return string("digest");
    }

    public String mediaType() {
        return string("mediaType");
    }

    public long manifests() {
        return number("manifests");
    }

    public long blobsCopied() {
        return number("blobsCopied");
    }

    public long blobsMounted() {
        return number("blobsMounted");
    }

    public long blobsSkipped() {
        return number("blobsSkipped");
    }

    public long bytesCopied() {
        return number("bytesCopied");
    }

    /** Each referrer copied: {@code digest, artifactType, mediaType, how} ({@code api}, {@code tag-schema}, {@code cosign-tag}). */
    public List<Map<String, Object>> referrers() {
        return maps("referrers");
    }
}
