package io.jenkins.plugins.awsdelivery.engine.build;

/**
 * Where the login for the target registry comes from. Short-lived logins (ECR authorization tokens) implement
 * {@link #refreshed()}: when the registry rejects the current login in the middle of a push, the push asks once for
 * a fresh one, logs in again and retries.
 */
public interface RegistryLoginSource {

    /** The login to use now; null when the registry needs none. */
    RegistryLogin current();

    /** A new login after the registry rejected {@link #current()}; by default the same again. */
    default RegistryLogin refreshed() {
        return current();
    }

    /**
     * Whether {@link #refreshed()} can give a new login (short-lived tokens); only then is the registry asked before
     * each push whether it still accepts the current one.
     */
    default boolean refreshable() {
        return false;
    }

    static RegistryLoginSource of(RegistryLogin login) {
        return () -> login;
    }

    static RegistryLoginSource anonymous() {
        return () -> null;
    }
}
