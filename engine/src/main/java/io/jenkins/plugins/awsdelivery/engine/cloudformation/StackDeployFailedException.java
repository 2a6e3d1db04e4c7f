package io.jenkins.plugins.awsdelivery.engine.cloudformation;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import java.util.Objects;

/**
 * A stack deploy failed after its change set was created: the change set failed, or the stack operation rolled back,
 * failed or timed out. The message names the first failed resource and its reason; {@link #result()} (not transient)
 * carries the change set, the changes and the status reached.
 */
public final class StackDeployFailedException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final StackDeployResult result;

    public StackDeployFailedException(String message, StackDeployResult result) {
        super(message);
        this.result = Objects.requireNonNull(result);
    }

    public StackDeployResult result() {
        return result;
    }
}
