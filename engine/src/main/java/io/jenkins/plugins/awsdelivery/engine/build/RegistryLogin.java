package io.jenkins.plugins.awsdelivery.engine.build;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password for {@code docker login} and for reading the pushed digest back, e.g. {@code AWS} and an
 * ECR authorization token. {@link #toString()} shows the user name only.
 */
public final class RegistryLogin {
    private final String username;
    private final String password;

    private RegistryLogin(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public static RegistryLogin of(String username, String password) {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("a registry login needs a user name");
        }
        return new RegistryLogin(username, Objects.requireNonNull(password, "password"));
    }

    public String username() {
        return username;
    }

    /** The secret: only ever written to {@code docker login}'s standard input or an Authorization header. */
    public String password() {
        return password;
    }

    String basicAuthorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryLogin that && that.username.equals(username) && that.password.equals(password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password);
    }

    @Override
    public String toString() {
        return "RegistryLogin{username=" + username + ", password=****}";
    }
}
