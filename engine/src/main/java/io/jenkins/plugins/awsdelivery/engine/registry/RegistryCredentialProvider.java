package io.jenkins.plugins.awsdelivery.engine.registry;

/**
 * Supplies the credential for one registry. Short-lived credentials (ECR authorization tokens) implement
 * {@link #refreshedCredential()}: the client calls it once when the registry answers 401 to {@link #credential()}, then
 * retries the request with the new credential.
 */
@FunctionalInterface
public interface RegistryCredentialProvider {

    RegistryCredential credential();

    /** A fresh credential after the registry rejected the current one; by default the same one again. */
    default RegistryCredential refreshedCredential() {
        return credential();
    }

    /**
     * Whether {@link #refreshedCredential()} can give a new credential (short-lived tokens); a docker push then asks
     * the registry before each tag whether it still accepts the current one.
     */
    default boolean refreshable() {
        return false;
    }

    static RegistryCredentialProvider of(RegistryCredential credential) {
        return () -> credential;
    }

    static RegistryCredentialProvider anonymous() {
        return RegistryCredential::anonymous;
    }
}
