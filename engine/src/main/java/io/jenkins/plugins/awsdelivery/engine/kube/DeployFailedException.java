package io.jenkins.plugins.awsdelivery.engine.kube;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import java.util.Objects;

/**
 * The deploy applied its objects but a rollout failed. The message says which workload failed and why, and what was
 * rolled back; {@link #result()} carries the details (including {@code rolledBack}) for callers that report them.
 */
public final class DeployFailedException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final transient DeployResult result;

    public DeployFailedException(String message, DeployResult result, Throwable cause) {
        super(message, cause);
        this.result = Objects.requireNonNull(result);
    }

    public DeployResult result() {
        return result;
    }
}
