package io.jenkins.plugins.awsdelivery.engine.promote;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.registry.RetryPolicy;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;

/**
 * What to promote where, and how. Build it with {@link #builder()}; {@code source} and {@code destination} are
 * mandatory, everything else has a default (anonymous credentials, TLS verified against the JDK trust store, 4 blobs
 * in parallel, default {@link RetryPolicy}).
 */
public final class PromoteRequest {
    public static final int DEFAULT_PARALLELISM = 4;

    private final ImageReference source;
    private final ImageReference destination;
    private final RegistryCredentialProvider sourceCredentials;
    private final RegistryCredentialProvider destinationCredentials;
    private final Set<String> insecureRegistries;
    private final SSLContext sslContext;
    private final boolean noClobber;
    private final boolean dryRun;
    private final int parallelism;
    private final RetryPolicy retryPolicy;
    private final EventSink events;
    private final ReferrerSelection referrers;
    private final boolean jdkClientForBlobs;

    private PromoteRequest(Builder b) {
        this.source = b.source;
        this.destination = b.destination;
        this.sourceCredentials = b.sourceCredentials;
        this.destinationCredentials = b.destinationCredentials;
        this.insecureRegistries = Set.copyOf(b.insecureRegistries);
        this.sslContext = b.sslContext;
        this.noClobber = b.noClobber;
        this.dryRun = b.dryRun;
        this.parallelism = b.parallelism;
        this.retryPolicy = b.retryPolicy;
        this.events = b.events;
        this.referrers = b.referrers;
        this.jdkClientForBlobs = b.jdkClientForBlobs;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .source(source)
                .destination(destination)
                .sourceCredentials(sourceCredentials)
                .destinationCredentials(destinationCredentials)
                .insecureRegistries(insecureRegistries)
                .sslContext(sslContext)
                .noClobber(noClobber)
                .dryRun(dryRun)
                .parallelism(parallelism)
                .retryPolicy(retryPolicy)
                .events(events)
                .referrers(referrers)
                .jdkClientForBlobs(jdkClientForBlobs);
    }

    public ImageReference source() {
        return source;
    }

    /**
     * Where to copy to. Its tag is the tag written last; without a tag the source's tag is used, and without either
     * the image is written by digest only. A digest here must equal the source's.
     */
    public ImageReference destination() {
        return destination;
    }

    public RegistryCredentialProvider sourceCredentials() {
        return sourceCredentials;
    }

    public RegistryCredentialProvider destinationCredentials() {
        return destinationCredentials;
    }

    /** Registries ({@code host[:port]}) that may be reached over plain HTTP besides loopback ones. */
    public Set<String> insecureRegistries() {
        return insecureRegistries;
    }

    /** Null: the JDK's trust store. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** Refuse when the destination tag already points at a different digest. */
    public boolean noClobber() {
        return noClobber;
    }

    /** Only read both sides and report what would be copied, mounted and skipped. */
    public boolean dryRun() {
        return dryRun;
    }

    /** Blobs copied at the same time. */
    public int parallelism() {
        return parallelism;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public EventSink events() {
        return events;
    }

    /** Which referrers (signatures, SBOMs, attestations) travel with the image; default all. */
    public ReferrerSelection referrers() {
        return referrers;
    }

    /** True: blob bodies through the JDK HTTP client rather than the transport's own connections (for measuring). */
    public boolean jdkClientForBlobs() {
        return jdkClientForBlobs;
    }

    @Override
    public String toString() {
        return "PromoteRequest{source=" + source + ", destination=" + destination + ", noClobber=" + noClobber
                + ", dryRun=" + dryRun + ", parallelism=" + parallelism + ", insecureRegistries=" + insecureRegistries
                + ", referrers=" + referrers + "}";
    }

    public static final class Builder {
        private ImageReference source;
        private ImageReference destination;
        private RegistryCredentialProvider sourceCredentials = RegistryCredentialProvider.anonymous();
        private RegistryCredentialProvider destinationCredentials = RegistryCredentialProvider.anonymous();
        private final Set<String> insecureRegistries = new TreeSet<>();
        private SSLContext sslContext;
        private boolean noClobber;
        private boolean dryRun;
        private int parallelism = DEFAULT_PARALLELISM;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private EventSink events = EventSink.discard();
        private ReferrerSelection referrers = ReferrerSelection.all();
        private boolean jdkClientForBlobs;

        private Builder() {}

        public Builder source(ImageReference reference) {
            this.source = reference;
            return this;
        }

        public Builder destination(ImageReference reference) {
            this.destination = reference;
            return this;
        }

        public Builder sourceCredentials(RegistryCredentialProvider credentials) {
            this.sourceCredentials = Objects.requireNonNull(credentials, "sourceCredentials");
            return this;
        }

        public Builder destinationCredentials(RegistryCredentialProvider credentials) {
            this.destinationCredentials = Objects.requireNonNull(credentials, "destinationCredentials");
            return this;
        }

        public Builder insecureRegistries(Collection<String> registries) {
            insecureRegistries.addAll(registries);
            return this;
        }

        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder noClobber(boolean refuse) {
            this.noClobber = refuse;
            return this;
        }

        public Builder dryRun(boolean planOnly) {
            this.dryRun = planOnly;
            return this;
        }

        public Builder parallelism(int blobsAtOnce) {
            this.parallelism = blobsAtOnce;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        public Builder events(EventSink sink) {
            this.events = Objects.requireNonNull(sink, "events");
            return this;
        }

        public Builder referrers(ReferrerSelection selection) {
            this.referrers = Objects.requireNonNull(selection, "referrers");
            return this;
        }

        /** See {@link io.jenkins.plugins.awsdelivery.engine.registry.RegistryTransport.Builder#jdkClientForBlobs}. */
        public Builder jdkClientForBlobs(boolean jdkClient) {
            this.jdkClientForBlobs = jdkClient;
            return this;
        }

        public PromoteRequest build() {
            if (source == null) {
                throw new InvalidParameterException("source", "is required: the image to promote, e.g. host/repo:tag");
            }
            if (destination == null) {
                throw new InvalidParameterException("destination", "is required: where to copy the image to");
            }
            if (parallelism < 1 || parallelism > 64) {
                throw new InvalidParameterException("parallelism", "must be between 1 and 64, was " + parallelism);
            }
            if (source.withoutTag()
                            .withoutDigest()
                            .equals(destination.withoutTag().withoutDigest())
                    && source.tag().equals(destination.tag())
                    && destination.tag().isPresent()) {
                throw new InvalidParameterException(
                        "destination", "is the same as the source (" + source + "); name another repository or tag");
            }
            return new PromoteRequest(this);
        }
    }
}
