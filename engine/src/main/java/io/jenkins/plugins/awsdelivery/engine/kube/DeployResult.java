package io.jenkins.plugins.awsdelivery.engine.kube;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a deploy did: the cluster and namespace, every applied object with the revision each workload rolled out
 * to, the images pinned (NAME → digest reference), and the workloads rolled back after a failure (with the
 * revision they went back to). A result whose {@link #rolledBack()} is not empty belongs to a failed deploy.
 */
public record DeployResult(
        String cluster,
        String namespace,
        List<AppliedResource> resources,
        Map<String, String> images,
        List<AppliedResource> rolledBack,
        boolean dryRun) {

    public DeployResult {
        Objects.requireNonNull(cluster);
        Objects.requireNonNull(namespace);
        resources = List.copyOf(resources);
        images = Map.copyOf(images);
        rolledBack = List.copyOf(rolledBack);
    }

    /** {@code cluster, namespace, resources[kind,name,revision], images, rolledBack}, as the CLI's --json prints. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cluster", cluster);
        map.put("namespace", namespace);
        map.put("resources", resources.stream().map(AppliedResource::toMap).toList());
        map.put("images", new java.util.TreeMap<>(images));
        map.put("rolledBack", rolledBack.stream().map(AppliedResource::toMap).toList());
        return map;
    }
}
