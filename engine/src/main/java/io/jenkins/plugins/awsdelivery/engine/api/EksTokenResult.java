package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.Map;

/**
 * An {@code ExecCredential} ({@code client.authentication.k8s.io/v1beta1}) as {@code aws eks get-token} prints it:
 * {@code kind}, {@code apiVersion}, {@code spec} (empty) and {@code status} with {@code expirationTimestamp} (UTC, whole
 * seconds) and {@code token}. The token is a secret: it is this result's purpose, so {@link #toMap()} holds it, but
 * {@link #toString()} never shows it.
 */
public final class EksTokenResult extends Result {
    private static final long serialVersionUID = 1L;

    EksTokenResult(Map<String, ?> values) {
        super(values);
    }

    /** The bearer token, {@code k8s-aws-v1.…}. */
    public String token() {
        return status().get("token").toString();
    }

    /** e.g. {@code 2026-12-01T10:14:00Z}. */
    public String expirationTimestamp() {
        return status().get("expirationTimestamp").toString();
    }

    private Map<String, Object> status() {
        return map("status");
    }

    @Override
    public String toString() {
        return "EksTokenResult{expirationTimestamp=" + expirationTimestamp() + ", token=****}";
    }
}
