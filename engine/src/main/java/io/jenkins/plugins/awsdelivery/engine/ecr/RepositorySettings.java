package io.jenkins.plugins.awsdelivery.engine.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.Optional;

/**
 * How a repository is created when it does not exist: scan on push (default on), tag mutability (default
 * {@code MUTABLE}), encryption ({@code AES256} by default, or a KMS key) and an optional lifecycle policy (the JSON
 * document ECR takes). Settings of a repository that already exists are left alone.
 */
public final class RepositorySettings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean scanOnPush;
    private final TagMutability tagMutability;
    private final String kmsKey;
    private final String lifecyclePolicy;

    private RepositorySettings(Builder b) {
        this.scanOnPush = b.scanOnPush;
        this.tagMutability = b.tagMutability;
        this.kmsKey = b.kmsKey;
        this.lifecyclePolicy = b.lifecyclePolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RepositorySettings defaults() {
        return builder().build();
    }

    public boolean scanOnPush() {
        return scanOnPush;
    }

    public TagMutability tagMutability() {
        return tagMutability;
    }

    /** {@code KMS} with {@link #kmsKey()}, else {@code AES256}. */
    public String encryptionType() {
        return kmsKey == null ? "AES256" : "KMS";
    }

    /** The KMS key ARN or id; empty for AES256. */
    public Optional<String> kmsKey() {
        return Optional.ofNullable(kmsKey);
    }

    public Optional<String> lifecyclePolicy() {
        return Optional.ofNullable(lifecyclePolicy);
    }

    @Override
    public String toString() {
        return "RepositorySettings{scanOnPush=" + scanOnPush + ", tagMutability=" + tagMutability + ", encryption="
                + encryptionType() + (kmsKey == null ? "" : " " + kmsKey) + ", lifecyclePolicy="
                + (lifecyclePolicy == null ? "none" : "set") + "}";
    }

    public static final class Builder {
        private boolean scanOnPush = true;
        private TagMutability tagMutability = TagMutability.MUTABLE;
        private String kmsKey;
        private String lifecyclePolicy;

        private Builder() {}

        public Builder scanOnPush(boolean scan) {
            this.scanOnPush = scan;
            return this;
        }

        public Builder tagMutability(TagMutability mutability) {
            this.tagMutability = mutability == null ? TagMutability.MUTABLE : mutability;
            return this;
        }

        /** Encrypts with this KMS key (ARN, id or alias) instead of AES256; null or blank for AES256. */
        public Builder kmsKey(String key) {
            this.kmsKey = key == null || key.isBlank() ? null : key.strip();
            return this;
        }

        /** The lifecycle policy JSON, e.g. {@code {"rules":[{"rulePriority":1,...}]}}; null for none. */
        public Builder lifecyclePolicy(String policy) {
            this.lifecyclePolicy = policy == null || policy.isBlank() ? null : policy;
            return this;
        }

        public RepositorySettings build() {
            if (lifecyclePolicy != null) {
                JsonNode rules;
                try {
                    rules = JSON.readTree(lifecyclePolicy).path("rules");
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new InvalidParameterException(
                            "lifecyclePolicy", "is not valid JSON: " + e.getOriginalMessage());
                }
                if (!rules.isArray() || rules.isEmpty()) {
                    throw new InvalidParameterException(
                            "lifecyclePolicy", "needs a non-empty \"rules\" array, as ECR lifecycle policies have");
                }
            }
            return new RepositorySettings(this);
        }
    }
}
