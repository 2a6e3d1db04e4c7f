package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubectl rollout undo} for every workload kind that rolls out.
 *
 * <ul>
 *   <li>Deployment: the pod template of the ReplicaSet with the previous revision goes back into the Deployment
 *       (without its {@code pod-template-hash} label); the controller scales that ReplicaSet up again under a new
 *       revision.
 *   <li>StatefulSet and DaemonSet: their controllers keep each template in a ControllerRevision whose {@code data} is a
 *       strategic merge patch that restores it; the revision with the second-highest {@code revision} number is sent
 *       as that patch, as kubectl does.
 *   <li>StatefulSet, additionally: with the default {@code OrderedReady} pod management the controller does not replace
 *       a pod that never became Ready, even after the template was reverted (the "forced rollback" of the StatefulSet
 *       documentation), so the pods of the failed revision that are not Ready are deleted; the controller recreates
 *       them from the restored template.
 * </ul>
 */
public final class Rollback {

    /** What an undo did: the revision number gone back to, and the pods it deleted (StatefulSet only). */
    public record Undone(String revision, List<String> deletedPods) {
        public Undone {
            deletedPods = List.copyOf(deletedPods);
        }
    }

    private Rollback() {}

    /**
     * Rolls the workload back to the revision before its current one.
     *
     * @return what was done; empty when there is no previous revision (a workload this deploy created)
     */
    public static Optional<Undone> undo(KubernetesClient client, Workload workload) {
        return switch (workload.kind()) {
            case "Deployment" -> undoDeployment(client, workload.namespace(), workload.name());
            case "StatefulSet" -> undoStatefulSet(client, workload.namespace(), workload.name());
            case "DaemonSet" -> undoDaemonSet(client, workload.namespace(), workload.name());
            default -> throw new IllegalArgumentException("no rollback for kind " + workload.kind());
        };
    }

    private static Optional<Undone> undoDeployment(KubernetesClient client, String namespace, String name) {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get();
        if (deployment == null) {
            return Optional.empty();
        }
        long current = revision(deployment);
        Optional<ReplicaSet> previous = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> Owners.ownedBy(rs, deployment))
                .filter(rs -> revision(rs) < current)
                .max(Comparator.comparingLong(Rollback::revision));
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        PodTemplateSpec template = client.getKubernetesSerialization()
                .clone(previous.get().getSpec().getTemplate());
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
            labels.remove(DeploymentStatus.POD_TEMPLATE_HASH);
            template.getMetadata().setLabels(labels);
        }
        client.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
            d.getSpec().setTemplate(template);
            return d;
        });
        return Optional.of(new Undone(String.valueOf(revision(previous.get())), List.of()));
    }

    private static Optional<Undone> undoStatefulSet(KubernetesClient client, String namespace, String name) {
        var resource = client.apps().statefulSets().inNamespace(namespace).withName(name);
        StatefulSet set = resource.get();
        if (set == null) {
            return Optional.empty();
        }
        Optional<ControllerRevision> previous = previousRevision(client, set);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        String failedRevision = set.getStatus() == null ? null : set.getStatus().getUpdateRevision();
        resource.patch(PatchContext.of(PatchType.STRATEGIC_MERGE), restoringPatch(client, previous.get()));
        List<String> deleted = new ArrayList<>();
        if (failedRevision != null
                && !failedRevision.equals(previous.get().getMetadata().getName())) {
            for (Pod pod : PodChecks.pods(
                    client,
                    namespace,
                    set.getSpec().getSelector(),
                    StatefulSetStatus.CONTROLLER_REVISION_HASH,
                    failedRevision)) {
                if (Owners.ownedBy(pod, set) && !ready(pod)) {
                    client.pods().inNamespace(namespace).resource(pod).delete();
                    deleted.add(pod.getMetadata().getName());
                }
            }
        }
        return Optional.of(new Undone(String.valueOf(previous.get().getRevision()), deleted));
    }

    private static Optional<Undone> undoDaemonSet(KubernetesClient client, String namespace, String name) {
        var resource = client.apps().daemonSets().inNamespace(namespace).withName(name);
        DaemonSet set = resource.get();
        if (set == null) {
            return Optional.empty();
        }
        Optional<ControllerRevision> previous = previousRevision(client, set);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        resource.patch(PatchContext.of(PatchType.STRATEGIC_MERGE), restoringPatch(client, previous.get()));
        return Optional.of(new Undone(String.valueOf(previous.get().getRevision()), List.of()));
    }

    /** The ControllerRevision with the second-highest revision number among those the workload controls. */
    private static Optional<ControllerRevision> previousRevision(KubernetesClient client, HasMetadata workload) {
        List<ControllerRevision> history = client
                .apps()
                .controllerRevisions()
                .inNamespace(workload.getMetadata().getNamespace())
                .list()
                .getItems()
                .stream()
                .filter(revision -> Owners.ownedBy(revision, workload))
                .filter(revision -> revision.getRevision() != null)
                .sorted(Comparator.comparingLong(ControllerRevision::getRevision))
                .toList();
        return history.size() < 2 ? Optional.empty() : Optional.of(history.get(history.size() - 2));
    }

    private static String restoringPatch(KubernetesClient client, ControllerRevision revision) {
        return client.getKubernetesSerialization().asJson(revision.getData());
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static long revision(HasMetadata resource) {
        String value = Owners.annotation(resource, DeploymentStatus.REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
