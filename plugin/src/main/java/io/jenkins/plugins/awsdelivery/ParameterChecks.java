package io.jenkins.plugins.awsdelivery;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsdelivery.engine.api.Validation;
import java.util.Optional;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/**
 * The form checks of the steps' parameters: the engine's own {@link Validation}, so the form says what the step would
 * fail with. An empty value is fine here (the step says so at run time when the parameter is mandatory), and so is a
 * value with a Groovy expression. Only someone who may configure the job (or, without one, an administrator) gets an
 * answer.
 */
final class ParameterChecks {
    private ParameterChecks() {}

    static FormValidation duration(Item item, String parameter, String value) {
        return check(item, value, () -> Validation.duration(parameter, value));
    }

    static FormValidation reference(Item item, String parameter, String value) {
        return check(item, value, () -> Validation.reference(parameter, value.strip()));
    }

    static FormValidation digest(Item item, String parameter, String value) {
        return check(item, value, () -> Validation.digest(parameter, value));
    }

    static FormValidation region(Item item, String value) {
        return check(item, value, () -> Validation.region("region", value));
    }

    static FormValidation roleArn(Item item, String parameter, String value) {
        return check(item, value, () -> Validation.roleArn(parameter, value.strip()));
    }

    private static FormValidation check(Item item, String value, Supplier<Optional<String>> problem) {
        if (!allowed(item) || value == null || value.isBlank() || value.contains("${")) {
            return FormValidation.ok();
        }
        return problem.get().map(FormValidation::error).orElse(FormValidation.ok());
    }

    private static boolean allowed(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }
}
