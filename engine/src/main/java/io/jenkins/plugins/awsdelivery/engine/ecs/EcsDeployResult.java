package io.jenkins.plugins.awsdelivery.engine.ecs;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an ECS deploy did: the task definition revision it registered and the one the service ran before, the
 * deployment it started and the rollout state that deployment reached, the pinned images (container → reference),
 * and whether the service was rolled back to the previous revision. A result with {@code rolledBack} belongs to a
 * failed deploy. Immutable and serializable.
 */
public final class EcsDeployResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String service;
    private final String taskDefinitionArn;
    private final String previousTaskDefinitionArn;
    private final String deploymentId;
    private final String rolloutState;
    private final Map<String, String> images;
    private final boolean rolledBack;

    EcsDeployResult(
            String cluster,
            String service,
            String taskDefinitionArn,
            String previousTaskDefinitionArn,
            String deploymentId,
            String rolloutState,
            Map<String, String> images,
            boolean rolledBack) {
        this.cluster = Objects.requireNonNull(cluster);
        this.service = Objects.requireNonNull(service);
        this.taskDefinitionArn = taskDefinitionArn;
        this.previousTaskDefinitionArn = previousTaskDefinitionArn;
        this.deploymentId = deploymentId;
        this.rolloutState = rolloutState;
        this.images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
        this.rolledBack = rolledBack;
    }

    public String cluster() {
        return cluster;
    }

    public String service() {
        return service;
    }

    /** The revision this deploy registered; null when it failed before registering one. */
    public String taskDefinitionArn() {
        return taskDefinitionArn;
    }

    /** The revision the service ran before; null when it failed before reading the service. */
    public String previousTaskDefinitionArn() {
        return previousTaskDefinitionArn;
    }

    /** The ECS deployment id ({@code ecs-svc/…}) of the new revision; null before UpdateService. */
    public String deploymentId() {
        return deploymentId;
    }

    /** {@code COMPLETED}, {@code FAILED} or {@code IN_PROGRESS} (timed out); null before UpdateService. */
    public String rolloutState() {
        return rolloutState;
    }

    public Map<String, String> images() {
        return images;
    }

    public boolean rolledBack() {
        return rolledBack;
    }

    EcsDeployResult withRollout(String newDeploymentId, String newRolloutState) {
        return new EcsDeployResult(
                cluster,
                service,
                taskDefinitionArn,
                previousTaskDefinitionArn,
                newDeploymentId,
                newRolloutState,
                images,
                rolledBack);
    }

    EcsDeployResult withRolledBack(boolean value) {
        return new EcsDeployResult(
                cluster,
                service,
                taskDefinitionArn,
                previousTaskDefinitionArn,
                deploymentId,
                rolloutState,
                images,
                value);
    }

    /**
     * {@code cluster, service, taskDefinitionArn, previousTaskDefinitionArn, deploymentId, rolloutState, images,
     * rolledBack}, as the CLI's {@code --json} prints and the Pipeline step returns.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cluster", cluster);
        map.put("service", service);
        map.put("taskDefinitionArn", taskDefinitionArn);
        map.put("previousTaskDefinitionArn", previousTaskDefinitionArn);
        map.put("deploymentId", deploymentId);
        map.put("rolloutState", rolloutState);
        map.put("images", new LinkedHashMap<>(images));
        map.put("rolledBack", rolledBack);
        return map;
    }

    @Override
    public String toString() {
        return "EcsDeployResult" + toMap();
    }
}
