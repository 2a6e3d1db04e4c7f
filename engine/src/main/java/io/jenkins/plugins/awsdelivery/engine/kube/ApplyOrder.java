package io.jenkins.plugins.awsdelivery.engine.kube;

import io.jenkins.plugins.awsdelivery.engine.kube.manifest.RenderedManifest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order objects are applied in, so that what an object refers to exists first: namespaces, CRDs, service accounts
 * and RBAC, config and secrets, storage, services, other objects, then workloads, then what routes to or scales
 * workloads. Within a group the manifests' order is kept.
 */
final class ApplyOrder {
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("Namespace", 0),
            Map.entry("CustomResourceDefinition", 1),
            Map.entry("PriorityClass", 2),
            Map.entry("StorageClass", 2),
            Map.entry("ServiceAccount", 3),
            Map.entry("ClusterRole", 3),
            Map.entry("ClusterRoleBinding", 3),
            Map.entry("Role", 3),
            Map.entry("RoleBinding", 3),
            Map.entry("ConfigMap", 4),
            Map.entry("Secret", 4),
            Map.entry("PersistentVolume", 5),
            Map.entry("PersistentVolumeClaim", 5),
            Map.entry("Service", 6),
            Map.entry("Deployment", 8),
            Map.entry("StatefulSet", 8),
            Map.entry("DaemonSet", 8),
            Map.entry("ReplicaSet", 8),
            Map.entry("Pod", 8),
            Map.entry("Job", 8),
            Map.entry("CronJob", 8),
            Map.entry("Ingress", 9),
            Map.entry("HorizontalPodAutoscaler", 9),
            Map.entry("PodDisruptionBudget", 9));
    private static final int OTHER = 7;

    private ApplyOrder() {}

    static List<RenderedManifest> sort(List<RenderedManifest> manifests) {
        return manifests.stream()
                .sorted(Comparator.comparingInt(m -> RANK.getOrDefault(m.kind(), OTHER)))
                .toList();
    }
}
