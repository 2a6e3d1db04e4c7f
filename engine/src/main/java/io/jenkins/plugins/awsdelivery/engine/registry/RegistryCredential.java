package io.jenkins.plugins.awsdelivery.engine.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password (or token) for a registry, or no credential at all. {@link #toString()} shows the user
 * name only; the password never leaves this object except as the HTTP {@code Authorization} header value.
 */
public final class RegistryCredential {
    private static final RegistryCredential ANONYMOUS = new RegistryCredential(null, null);

    private final String username;
    private final String password;

    private RegistryCredential(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public static RegistryCredential anonymous() {
        return ANONYMOUS;
    }

    /** For ECR the user name is {@code AWS} and the password the token of {@code GetAuthorizationToken}. */
    public static RegistryCredential basic(String username, String password) {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("a registry credential needs a user name");
        }
        return new RegistryCredential(username, Objects.requireNonNull(password, "password"));
    }

    /**
     * Parses {@code USER:PASSWORD} as given on a command line; the password may contain colons.
     *
     * @param parameter the name of the option or variable the text came from, for the error message
     */
    public static RegistryCredential parse(String parameter, String userColonPassword) {
        int colon = userColonPassword == null ? -1 : userColonPassword.indexOf(':');
        if (colon <= 0) {
            throw new io.jenkins.plugins.awsdelivery.engine.InvalidParameterException(
                    parameter, "expected USER:PASSWORD (the value is not shown)");
        }
        return basic(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
    }

    public boolean isAnonymous() {
        return username == null;
    }

    /** Null for the anonymous credential. */
    public String username() {
        return username;
    }

    /** The secret: only ever written to an {@code Authorization} header or {@code docker login}'s standard input. */
    public String password() {
        return password;
    }

    /** The {@code Authorization} header value; only for a credential that is not anonymous. */
    public String basicAuthorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryCredential that
                && Objects.equals(username, that.username)
                && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password);
    }

    @Override
    public String toString() {
        return isAnonymous()
                ? "RegistryCredential{anonymous}"
                : "RegistryCredential{username=" + username + ", password=****}";
    }
}
