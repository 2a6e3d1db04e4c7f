package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where each workload kind keeps its pod spec, and which kinds have no namespace. */
public final class WorkloadKinds {
    private static final List<String> TEMPLATE = List.of("spec", "template", "spec");

    private static final Map<String, List<String>> POD_SPEC_PATHS = Map.of(
            "Pod", List.of("spec"),
            "Deployment", TEMPLATE,
            "StatefulSet", TEMPLATE,
            "DaemonSet", TEMPLATE,
            "ReplicaSet", TEMPLATE,
            "Job", TEMPLATE,
            "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"));

    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "CustomResourceDefinition",
            "ClusterRole",
            "ClusterRoleBinding",
            "PersistentVolume",
            "StorageClass",
            "PriorityClass",
            "IngressClass",
            "RuntimeClass",
            "CSIDriver",
            "CSINode",
            "Node",
            "APIService",
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "VolumeSnapshotClass",
            "FlowSchema",
            "PriorityLevelConfiguration");

    /** The kinds the rollout wait follows. */
    public static final Set<String> ROLLOUT_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private WorkloadKinds() {}

    /** Whether images in objects of this kind are pinned. */
    public static boolean hasPodSpec(String kind) {
        return POD_SPEC_PATHS.containsKey(kind);
    }

    /** The keys from the object's root to its pod spec, e.g. spec, template, spec. */
    static List<String> podSpecPath(String kind) {
        return POD_SPEC_PATHS.getOrDefault(kind, List.of());
    }

    /**
     * Whether objects of this kind live in a namespace. Custom resources are assumed namespaced, as most are; a
     * cluster-scoped custom resource should name no namespace and is then left so.
     */
    public static boolean isNamespaced(String kind) {
        return !CLUSTER_SCOPED.contains(kind);
    }
}
