package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for an EKS cluster's API server ({@code k8s-aws-v1.} + a presigned STS URL) and the time after which
 * a client should use a new one. {@link #toString()} never shows the token.
 */
public final class EksToken {
    private final String value;
    private final Instant expiresAt;

    EksToken(String value, Instant expiresAt) {
        this.value = Objects.requireNonNull(value);
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    /** The secret bearer token. */
    public String value() {
        return value;
    }

    /** When to stop using it: 14 minutes after signing, one minute before EKS stops accepting it. */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "EksToken[expiresAt=" + expiresAt + ", value=****]";
    }
}
