package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code kubectl rollout undo} for a Deployment: puts the pod template of the ReplicaSet with the previous revision
 * back into the Deployment (without its {@code pod-template-hash} label); the controller then scales that ReplicaSet
 * up again under a new revision.
 */
public final class Rollback {
    private static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private Rollback() {}

    /**
     * Rolls the Deployment back to the revision before its current one.
     *
     * @return the revision it went back to; empty when there is none (a Deployment this deploy created)
     */
    public static Optional<String> undo(KubernetesClient client, String namespace, String name) {
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
                .filter(rs -> ownedBy(rs, deployment))
                .filter(rs -> revision(rs) < current)
                .max(Comparator.comparingLong(Rollback::revision));
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        PodTemplateSpec template = client.getKubernetesSerialization()
                .clone(previous.get().getSpec().getTemplate());
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
            labels.remove(POD_TEMPLATE_HASH);
            template.getMetadata().setLabels(labels);
        }
        client.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
            d.getSpec().setTemplate(template);
            return d;
        });
        return Optional.of(String.valueOf(revision(previous.get())));
    }

    private static long revision(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean ownedBy(HasMetadata child, HasMetadata owner) {
        return child.getMetadata().getOwnerReferences().stream()
                .anyMatch(
                        ref -> Objects.equals(ref.getUid(), owner.getMetadata().getUid()));
    }
}
