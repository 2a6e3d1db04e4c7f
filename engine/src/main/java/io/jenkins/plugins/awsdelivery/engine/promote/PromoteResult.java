package io.jenkins.plugins.awsdelivery.engine.promote;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a promotion did (or, for a dry run, would do). {@code manifests} counts every manifest of the image: 1 for a
 * single image, 1 + children for an index. Blobs are counted once each, however many manifests share them.
 */
public final class PromoteResult {
    private final String source;
    private final String destination;
    private final Digest digest;
    private final String mediaType;
    private final int manifests;
    private final int blobsCopied;
    private final int blobsMounted;
    private final int blobsSkipped;
    private final long bytesCopied;
    private final boolean dryRun;
    private final List<CopiedReferrer> referrers;

    PromoteResult(
            String source,
            String destination,
            Digest digest,
            String mediaType,
            int manifests,
            int blobsCopied,
            int blobsMounted,
            int blobsSkipped,
            long bytesCopied,
            boolean dryRun,
            List<CopiedReferrer> referrers) {
        this.source = Objects.requireNonNull(source);
        this.destination = Objects.requireNonNull(destination);
        this.digest = Objects.requireNonNull(digest);
        this.mediaType = Objects.requireNonNull(mediaType);
        this.manifests = manifests;
        this.blobsCopied = blobsCopied;
        this.blobsMounted = blobsMounted;
        this.blobsSkipped = blobsSkipped;
        this.bytesCopied = bytesCopied;
        this.dryRun = dryRun;
        this.referrers = List.copyOf(referrers);
    }

    /** The source as read: {@code registry/repository[:tag]@digest}. */
    public String source() {
        return source;
    }

    /** The destination as written: {@code registry/repository[:tag]@digest}. */
    public String destination() {
        return destination;
    }

    /** The same at source and destination: that is the point. */
    public Digest digest() {
        return digest;
    }

    public String mediaType() {
        return mediaType;
    }

    public int manifests() {
        return manifests;
    }

    /** Blobs whose content was streamed (or, in a dry run, would be). */
    public int blobsCopied() {
        return blobsCopied;
    }

    /** Blobs linked from the source repository on the same registry, without moving content. */
    public int blobsMounted() {
        return blobsMounted;
    }

    /** Blobs the destination already had. */
    public int blobsSkipped() {
        return blobsSkipped;
    }

    /** Sum of the sizes of copied blobs (retries not counted twice). */
    public long bytesCopied() {
        return bytesCopied;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** The referrers copied (or, in a dry run, that would be), subjects before their referrers. */
    public List<CopiedReferrer> referrers() {
        return referrers;
    }

    /** Exactly the fields of {@code bin/delivery promote --json}, in that order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", source);
        map.put("destination", destination);
        map.put("digest", digest.toString());
        map.put("mediaType", mediaType);
        map.put("manifests", manifests);
        map.put("blobsCopied", blobsCopied);
        map.put("blobsMounted", blobsMounted);
        map.put("blobsSkipped", blobsSkipped);
        map.put("bytesCopied", bytesCopied);
        map.put("referrers", referrers.stream().map(CopiedReferrer::toMap).toList());
        return map;
    }

    @Override
    public String toString() {
        return "PromoteResult" + toMap() + (dryRun ? " (dry run)" : "");
    }
}
