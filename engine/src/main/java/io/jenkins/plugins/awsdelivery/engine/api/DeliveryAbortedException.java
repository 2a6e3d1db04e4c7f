package io.jenkins.plugins.awsdelivery.engine.api;

/**
 * The caller interrupted the operation (an aborted build, Ctrl-C): it stopped and cleaned up what it had started. Not a
 * {@link DeliveryFailedException}: a Jenkins step turns it into an aborted build, never a failed one.
 */
public final class DeliveryAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeliveryAbortedException(String message) {
        super(message);
    }
}
