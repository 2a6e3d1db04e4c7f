package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredential;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import java.util.Optional;

/**
 * Registry credentials given as {@code USER:PASSWORD} by an option, else by an environment variable (which keeps them
 * out of the process list). Errors name whichever of the two the value came from, never the value.
 */
final class GivenCredentials {
    private GivenCredentials() {}

    static Optional<RegistryCredentialProvider> of(String option, String value, String variable) {
        if (value != null) {
            return Optional.of(RegistryCredentialProvider.of(RegistryCredential.parse(option, value)));
        }
        String fromEnvironment = System.getenv(variable);
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RegistryCredentialProvider.of(RegistryCredential.parse(variable, fromEnvironment)));
    }
}
