package io.jenkins.plugins.awsdelivery;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryFailedException;
import io.jenkins.plugins.awsdelivery.engine.api.Durations;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import jenkins.model.Jenkins;

/**
 * The form checks of the steps' parameters, each the engine's own parse with the engine's message. A value that is
 * empty is fine here: the step says so at run time when the parameter is mandatory. Only someone who may configure the
 * job (or, without one, an administrator) gets an answer.
 */
final class ParameterChecks {
    private ParameterChecks() {}

    static FormValidation duration(Item item, String parameter, String value) {
        if (!allowed(item) || blank(value)) {
            return FormValidation.ok();
        }
        try {
            Durations.parse(parameter, value);
            return FormValidation.ok();
        } catch (DeliveryFailedException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** A reference such as {@code registry/repository:tag} or {@code …@sha256:…}; an expression is not checked. */
    static FormValidation reference(Item item, String parameter, String value) {
        if (!allowed(item) || blank(value) || value.contains("${")) {
            return FormValidation.ok();
        }
        try {
            ImageReference.parse(parameter, value.strip());
            return FormValidation.ok();
        } catch (DeliveryException | DeliveryFailedException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static boolean allowed(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
