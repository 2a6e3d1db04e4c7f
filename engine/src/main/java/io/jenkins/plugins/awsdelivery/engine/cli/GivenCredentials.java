package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.api.RegistryLogin;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials given as {@code USER:PASSWORD} by an option, else by an environment variable (which keeps them
 * out of the process list). Errors name whichever of the two the value came from, never the value.
 */
final class GivenCredentials {
    private GivenCredentials() {}

    static Optional<RegistryLogin> of(String option, String value, String variable, Map<String, String> environment) {
        if (value != null) {
            return Optional.of(parse(option, value));
        }
        String fromEnvironment = environment.get(variable);
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(variable, fromEnvironment));
    }

    private static RegistryLogin parse(String parameter, String userColonPassword) {
        int colon = userColonPassword.indexOf(':');
        if (colon <= 0) {
            throw new InvalidParameterException(parameter, "expected USER:PASSWORD (the value is not shown)");
        }
        return RegistryLogin.of(
                userColonPassword.substring(0, colon), Secret.of(userColonPassword.substring(colon + 1)));
    }
}
