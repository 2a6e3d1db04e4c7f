package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.time.Instant;
import java.util.Map;

/**
 * An image promoted ({@code ecrPromote}): from where to where, its digest (the same on both sides), and what the copy
 * did, with the counts of {@code bin/delivery promote --json}.
 */
public final class PromotionEntry extends RecordEntry {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String destination;
    private final String digest;
    private final int blobsCopied;
    private final int blobsMounted;
    private final int blobsSkipped;
    private final long bytesCopied;
    private final boolean dryRun;

    private PromotionEntry(Builder b) {
        super(b.time);
        this.source = Values.required("source", b.source);
        this.destination = Values.required("destination", b.destination);
        this.digest = Values.digest("digest", b.digest);
        this.blobsCopied = Values.count("blobsCopied", b.blobsCopied);
        this.blobsMounted = Values.count("blobsMounted", b.blobsMounted);
        this.blobsSkipped = Values.count("blobsSkipped", b.blobsSkipped);
        this.bytesCopied = Values.count("bytesCopied", b.bytesCopied);
        this.dryRun = b.dryRun;
    }

    public static Builder builder() {
        return new Builder();
    }

    static PromotionEntry fromMap(Fields fields) {
        return builder()
                .time(fields.time())
                .source(fields.requiredString("source"))
                .destination(fields.requiredString("destination"))
                .digest(fields.requiredString("digest"))
                .blobsCopied(fields.integer("blobsCopied"))
                .blobsMounted(fields.integer("blobsMounted"))
                .blobsSkipped(fields.integer("blobsSkipped"))
                .bytesCopied(fields.longInteger("bytesCopied"))
                .dryRun(fields.bool("dryRun"))
                .build();
    }

    @Override
    public String type() {
        return "promotion";
    }

    /** {@code registry/repository[:tag]@digest} as read. */
    public String source() {
        return source;
    }

    /** {@code registry/repository[:tag]@digest} as written. */
    public String destination() {
        return destination;
    }

    public Digest digest() {
        return Digest.parse(digest);
    }

    public int blobsCopied() {
        return blobsCopied;
    }

    public int blobsMounted() {
        return blobsMounted;
    }

    public int blobsSkipped() {
        return blobsSkipped;
    }

    public long bytesCopied() {
        return bytesCopied;
    }

    /** Nothing was written; the counts say what would have been. */
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    void putFields(Map<String, Object> map) {
        map.put("source", source);
        map.put("destination", destination);
        map.put("digest", digest);
        map.put("blobsCopied", blobsCopied);
        map.put("blobsMounted", blobsMounted);
        map.put("blobsSkipped", blobsSkipped);
        map.put("bytesCopied", bytesCopied);
        map.put("dryRun", dryRun);
    }

    public static final class Builder {
        private Instant time;
        private String source;
        private String destination;
        private String digest;
        private int blobsCopied;
        private int blobsMounted;
        private int blobsSkipped;
        private long bytesCopied;
        private boolean dryRun;

        private Builder() {}

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder destination(String destination) {
            this.destination = destination;
            return this;
        }

        public Builder digest(String digest) {
            this.digest = digest;
            return this;
        }

        public Builder blobsCopied(int blobsCopied) {
            this.blobsCopied = blobsCopied;
            return this;
        }

        public Builder blobsMounted(int blobsMounted) {
            this.blobsMounted = blobsMounted;
            return this;
        }

        public Builder blobsSkipped(int blobsSkipped) {
            this.blobsSkipped = blobsSkipped;
            return this;
        }

        public Builder bytesCopied(long bytesCopied) {
            this.bytesCopied = bytesCopied;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public PromotionEntry build() {
            return new PromotionEntry(this);
        }
    }
}
