package io.jenkins.plugins.awsdelivery;

import hudson.AbortException;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryFailedException;
import java.util.function.Supplier;

/** Builds an engine request on the controller; a parameter the engine refuses fails the step with its message. */
final class Requests {
    private Requests() {}

    static <T> T build(Supplier<T> builder) throws AbortException {
        try {
            return builder.get();
        } catch (DeliveryFailedException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
