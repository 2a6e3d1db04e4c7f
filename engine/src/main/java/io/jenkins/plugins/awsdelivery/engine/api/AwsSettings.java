package io.jenkins.plugins.awsdelivery.engine.api;

import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.Serializable;
import java.util.Optional;

/**
 * How an operation reaches AWS: a region (else {@code AWS_REGION}, {@code AWS_DEFAULT_REGION} or the profile from the
 * context's environment), static keys handed in by the caller (a Jenkins credential resolved on the controller) or
 * else the default chain read from the context's environment, an optional role to assume, and, for emulators and
 * tests only, an endpoint that replaces every AWS endpoint. {@link #toString()} never shows a secret.
 */
public final class AwsSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final AwsSettings DEFAULTS = builder().build();

    private final String region;
    private final String accessKeyId;
    private final Secret secretAccessKey;
    private final Secret sessionToken;
    private final String roleArn;
    private final String externalId;
    private final String roleSessionName;
    private final String endpointUrl;

    private AwsSettings(Builder b) {
        this.region = b.region;
        this.accessKeyId = b.accessKeyId;
        this.secretAccessKey = b.secretAccessKey;
        this.sessionToken = b.sessionToken;
        this.roleArn = b.roleArn;
        this.externalId = b.externalId;
        this.roleSessionName = b.roleSessionName;
        this.endpointUrl = b.endpointUrl;
    }

    /** Region and credentials from the environment, no role. */
    public static AwsSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.region = region;
        b.accessKeyId = accessKeyId;
        b.secretAccessKey = secretAccessKey;
        b.sessionToken = sessionToken;
        b.roleArn = roleArn;
        b.externalId = externalId;
        b.roleSessionName = roleSessionName;
        b.endpointUrl = endpointUrl;
        return b;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<String> accessKeyId() {
        return Optional.ofNullable(accessKeyId);
    }

    public Optional<Secret> secretAccessKey() {
        return Optional.ofNullable(secretAccessKey);
    }

    public Optional<Secret> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    public Optional<String> externalId() {
        return Optional.ofNullable(externalId);
    }

    public Optional<String> roleSessionName() {
        return Optional.ofNullable(roleSessionName);
    }

    public Optional<String> endpointUrl() {
        return Optional.ofNullable(endpointUrl);
    }

    @Override
    public String toString() {
        return "AwsSettings{region=" + region + ", credentials="
                + (accessKeyId == null ? "environment" : sessionToken == null ? "static keys" : "static session keys")
                + (roleArn == null ? "" : ", roleArn=" + roleArn)
                + (endpointUrl == null ? "" : ", endpointUrl=" + endpointUrl) + "}";
    }

    public static final class Builder {
        private String region;
        private String accessKeyId;
        private Secret secretAccessKey;
        private Secret sessionToken;
        private String roleArn;
        private String externalId;
        private String roleSessionName;
        private String endpointUrl;

        private Builder() {}

        public Builder region(String region) {
            this.region = blankToNull(region);
            return this;
        }

        /** Keys from a credential the caller resolved; without them the environment's default chain applies. */
        public Builder credentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken) {
            this.accessKeyId = blankToNull(accessKeyId);
            this.secretAccessKey = secretAccessKey;
            this.sessionToken = sessionToken;
            return this;
        }

        public Builder roleArn(String roleArn) {
            this.roleArn = blankToNull(roleArn);
            return this;
        }

        public Builder externalId(String externalId) {
            this.externalId = blankToNull(externalId);
            return this;
        }

        public Builder roleSessionName(String roleSessionName) {
            this.roleSessionName = blankToNull(roleSessionName);
            return this;
        }

        /** Every AWS call goes there instead (emulators, tests), as the aws CLI's {@code --endpoint-url}. */
        public Builder endpointUrl(String endpointUrl) {
            this.endpointUrl = blankToNull(endpointUrl);
            return this;
        }

        /** Checks happen when an operation uses the settings, where the error can name the front end's parameter. */
        public AwsSettings build() {
            return new AwsSettings(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
