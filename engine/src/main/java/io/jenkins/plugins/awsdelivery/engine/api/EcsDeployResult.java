package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.Map;

/**
 * {@code cluster, service, taskDefinitionArn, previousTaskDefinitionArn, deploymentId, rolloutState, images,
 * rolledBack}; a deployment the circuit breaker rolled back is a failure, whose partial result this is.
 */
public final class EcsDeployResult extends Result {
    private static final long serialVersionUID = 1L;

    EcsDeployResult(Map<String, ?> values) {
        super(values);
    }

    public String cluster() {
        return string("cluster");
    }

    public String service() {
        return string("service");
    }

    public String taskDefinitionArn() {
        return string("taskDefinitionArn");
    }

    public String previousTaskDefinitionArn() {
        return string("previousTaskDefinitionArn");
    }

    public String deploymentId() {
        return string("deploymentId");
    }

    public String rolloutState() {
        return string("rolloutState");
    }

    public boolean rolledBack() {
        return bool("rolledBack");
    }
}
