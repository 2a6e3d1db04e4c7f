package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;

/** A rollout did not complete: a pod failed, the progress deadline passed, or the wait timed out. */
public final class RolloutFailedException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final String workload;

    public RolloutFailedException(String workload, String message) {
        super(message);
        this.workload = workload;
    }

    /** {@code Kind/name} of the workload whose rollout failed first. */
    public String workload() {
        return workload;
    }
}
