package io.jenkins.plugins.awsdelivery.engine.api;

import io.jenkins.plugins.awsdelivery.engine.promote.ReferrerSelection;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Copy an image (a manifest, or an index with every child) from one registry or repository to another, keeping its
 * digest, with what refers to it (signatures, SBOMs, attestations; {@link Builder#referrers}). Each side logs in with its {@link RegistryLogin}, else, for an ECR registry (by host, or forced with
 * {@link Builder#sourceEcr}/{@link Builder#destinationEcr} for emulators), with an ECR token from that side's
 * {@link AwsSettings}; else anonymously.
 */
public final class PromoteRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int DEFAULT_PARALLELISM = 4;

    private final String source;
    private final String destination;
    private final RegistryLogin sourceLogin;
    private final RegistryLogin destinationLogin;
    private final AwsSettings sourceAws;
    private final AwsSettings destinationAws;
    private final boolean sourceEcr;
    private final boolean destinationEcr;
    private final RegistryAccess access;
    private final boolean noClobber;
    private final boolean dryRun;
    private final int parallelism;
    private final ParameterNames names;
    private final List<String> referrers;

    private PromoteRequest(Builder b) {
        this.source = b.source;
        this.destination = b.destination;
        this.sourceLogin = b.sourceLogin;
        this.destinationLogin = b.destinationLogin;
        this.sourceAws = b.sourceAws != null ? b.sourceAws : b.destinationAws;
        this.destinationAws = b.destinationAws;
        this.sourceEcr = b.sourceEcr;
        this.destinationEcr = b.destinationEcr;
        this.access = b.access;
        this.noClobber = b.noClobber;
        this.dryRun = b.dryRun;
        this.parallelism = b.parallelism;
        this.names = b.names;
        this.referrers = List.copyOf(b.referrers);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String source() {
        return source;
    }

    public String destination() {
        return destination;
    }

    public Optional<RegistryLogin> sourceLogin() {
        return Optional.ofNullable(sourceLogin);
    }

    public Optional<RegistryLogin> destinationLogin() {
        return Optional.ofNullable(destinationLogin);
    }

    /** The source side's AWS settings; the destination's unless given apart. */
    public AwsSettings sourceAws() {
        return sourceAws;
    }

    public AwsSettings destinationAws() {
        return destinationAws;
    }

    public boolean sourceEcr() {
        return sourceEcr;
    }

    public boolean destinationEcr() {
        return destinationEcr;
    }

    public RegistryAccess access() {
        return access;
    }

    public boolean noClobber() {
        return noClobber;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public int parallelism() {
        return parallelism;
    }

    public ParameterNames names() {
        return names;
    }

    /** Which referrers travel with the image: {@code [all]} (the default), {@code [none]}, or artifact types. */
    public List<String> referrers() {
        return referrers;
    }

    @Override
    public String toString() {
        return "PromoteRequest{source=" + source + ", destination=" + destination + ", sourceLogin=" + sourceLogin
                + ", destinationLogin=" + destinationLogin + ", sourceAws=" + sourceAws + ", destinationAws="
                + destinationAws + ", noClobber=" + noClobber + ", dryRun=" + dryRun + ", parallelism=" + parallelism
                + ", referrers=" + referrers + "}";
    }

    public static final class Builder {
        private String source;
        private String destination;
        private RegistryLogin sourceLogin;
        private RegistryLogin destinationLogin;
        private AwsSettings sourceAws;
        private AwsSettings destinationAws = AwsSettings.defaults();
        private boolean sourceEcr;
        private boolean destinationEcr;
        private RegistryAccess access = RegistryAccess.defaults();
        private boolean noClobber;
        private boolean dryRun;
        private int parallelism = DEFAULT_PARALLELISM;
        private ParameterNames names = ParameterNames.pipeline();
        private List<String> referrers = List.of("all");

        private Builder() {}

        /** {@code host[:port]/repo[:tag][@digest]}; promoting by digest is what makes it the tested image. */
        public Builder source(String reference) {
            this.source = reference;
            return this;
        }

        /** {@code host[:port]/repo[:tag]}; without a tag the source's tag is used. */
        public Builder destination(String reference) {
            this.destination = reference;
            return this;
        }

        public Builder sourceLogin(RegistryLogin login) {
            this.sourceLogin = login;
            return this;
        }

        public Builder destinationLogin(RegistryLogin login) {
            this.destinationLogin = login;
            return this;
        }

        /** The source side's AWS settings (another account's role, another region); default: the destination's. */
        public Builder sourceAws(AwsSettings aws) {
            this.sourceAws = aws;
            return this;
        }

        public Builder destinationAws(AwsSettings aws) {
            this.destinationAws = aws == null ? AwsSettings.defaults() : aws;
            return this;
        }

        /** Log in to the source with an ECR token although its host is not an ECR host (emulators, proxies). */
        public Builder sourceEcr(boolean force) {
            this.sourceEcr = force;
            return this;
        }

        public Builder destinationEcr(boolean force) {
            this.destinationEcr = force;
            return this;
        }

        public Builder access(RegistryAccess access) {
            this.access = access == null ? RegistryAccess.defaults() : access;
            return this;
        }

        public Builder noClobber(boolean noClobber) {
            this.noClobber = noClobber;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        /**
         * Signatures, SBOMs and attestations that refer to the image: {@code all} (default), {@code none}, or the
         * artifact types to copy, e.g. {@code application/spdx+json}.
         */
        public Builder referrers(List<String> referrers) {
            this.referrers = referrers == null || referrers.isEmpty() ? List.of("all") : List.copyOf(referrers);
            return this;
        }

        public PromoteRequest build() {
            if (source == null || source.isBlank()) {
                throw new InvalidParameterException(
                        names.of("source"), "name the image to copy, e.g. its imageUri (repository@digest)");
            }
            if (destination == null || destination.isBlank()) {
                throw new InvalidParameterException(
                        names.of("destination"), "name where to copy it, e.g. prod-registry/app:1.4.2");
            }
            if (parallelism < 1 || parallelism > 32) {
                throw new InvalidParameterException(
                        names.of("parallelism"), parallelism + " is outside 1 to 32 blobs at once");
            }
            // Checked here so that a wrong value fails before any connection; translated like every engine error.
            Failures.translate(names, () -> ReferrerSelection.parse(names.of("referrers"), referrers));
            return new PromoteRequest(this);
        }
    }
}
