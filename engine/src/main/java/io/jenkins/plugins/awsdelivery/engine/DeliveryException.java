package io.jenkins.plugins.awsdelivery.engine;

/**
 * The one exception type the engine throws for a failure a user can act on. Its message says what failed, on which
 * object, and what to do; it never contains a secret. Subclasses name the concept (a registry, a rollout, ...).
 */
public class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
