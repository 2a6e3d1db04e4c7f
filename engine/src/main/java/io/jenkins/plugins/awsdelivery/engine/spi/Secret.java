package io.jenkins.plugins.awsdelivery.engine.spi;

import java.io.Serializable;
import java.util.Objects;

/**
 * A secret the caller hands to the engine (a password, an AWS secret key, a session token). It crosses the Jenkins
 * remoting channel like any value, but its {@link #toString()} never shows it: only {@link #reveal()} does, at the one
 * place that sends it where it belongs.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException when the value is empty: an empty secret is always a mistake */
    public static Secret of(String value) {
        if (Objects.requireNonNull(value, "value").isEmpty()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        return new Secret(value);
    }

    /** A secret, or null for a null or empty value (an optional secret that was not given). */
    public static Secret ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return SecretMasker.MASK;
    }
}
