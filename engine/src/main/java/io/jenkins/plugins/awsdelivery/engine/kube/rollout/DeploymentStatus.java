package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import static io.jenkins.plugins.awsdelivery.engine.kube.rollout.WorkloadStatus.orZero;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * A Deployment's rollout: done when the controller observed the newest generation and the updated, ready and available
 * replicas equal {@code spec.replicas} with no old replicas left; failed at once on {@code ProgressDeadlineExceeded}.
 * Its pods are those of the ReplicaSet with the Deployment's revision.
 */
final class DeploymentStatus extends WorkloadStatus<Deployment> {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    DeploymentStatus() {
        super(client -> client.apps().deployments());
    }

    @Override
    RolloutState read(KubernetesClient client, Workload workload, Deployment deployment) {
        var status = deployment.getStatus();
        if (status != null) {
            for (DeploymentCondition condition : status.getConditions()) {
                if ("Progressing".equals(condition.getType())
                        && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                    return new RolloutState.Failed(
                            "exceeded its progress deadline (ProgressDeadlineExceeded): " + condition.getMessage());
                }
            }
        }
        RolloutState.NotObserved notObserved =
                notObserved(deployment, status == null ? null : status.getObservedGeneration());
        if (notObserved != null) {
            return notObserved;
        }
        String revision = Owners.annotation(deployment, REVISION);
        List<Pod> pods = List.of();
        if (revision != null) {
            ReplicaSet current =
                    client.apps().replicaSets().inNamespace(workload.namespace()).list().getItems().stream()
                            .filter(rs -> Owners.ownedBy(rs, deployment))
                            .filter(rs -> revision.equals(Owners.annotation(rs, REVISION)))
                            .findFirst()
                            .orElse(null);
            if (current != null && current.getMetadata().getLabels() != null) {
                String hash = current.getMetadata().getLabels().get(POD_TEMPLATE_HASH);
                pods = PodChecks.pods(
                        client, workload.namespace(), deployment.getSpec().getSelector(), POD_TEMPLATE_HASH, hash);
            }
        }
        int desired = deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
        int updated = orZero(status.getUpdatedReplicas());
        int ready = orZero(status.getReadyReplicas());
        int available = orZero(status.getAvailableReplicas());
        int total = orZero(status.getReplicas());
        String waitingFor = updated < desired || ready < desired || available < desired || total > updated
                ? updated + " of " + desired + " updated replicas, " + ready + " ready, " + available + " available"
                        + (total > updated ? ", " + (total - updated) + " old replicas left" : "")
                : null;
        return new RolloutState.Observed(revision, pods, waitingFor);
    }
}
