package io.jenkins.plugins.awsdelivery.engine.api;

import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.Serializable;
import java.util.Objects;

/** A username and password for a registry that is not ECR (ECR logins come from {@link AwsSettings}). */
public final class RegistryLogin implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String username;
    private final Secret password;

    private RegistryLogin(String username, Secret password) {
        this.username = username;
        this.password = password;
    }

    public static RegistryLogin of(String username, Secret password) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a registry login needs a username");
        }
        return new RegistryLogin(username, Objects.requireNonNull(password, "password"));
    }

    public String username() {
        return username;
    }

    public Secret password() {
        return password;
    }

    @Override
    public String toString() {
        return "RegistryLogin{" + username + ":****}";
    }
}
