package io.jenkins.plugins.awsdelivery.engine.ecs;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import java.util.Objects;

/**
 * An ECS deploy failed after it started changing the service: the rollout failed (circuit breaker, tasks that do not
 * start, tasks on another digest) or timed out. The message names the reason; {@link #result()} carries what was done,
 * including whether the service was rolled back. The result travels with the exception (it is not transient).
 */
public final class EcsDeployFailedException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final EcsDeployResult result;

    public EcsDeployFailedException(String message, EcsDeployResult result) {
        super(message);
        this.result = Objects.requireNonNull(result);
    }

    public EcsDeployResult result() {
        return result;
    }
}
