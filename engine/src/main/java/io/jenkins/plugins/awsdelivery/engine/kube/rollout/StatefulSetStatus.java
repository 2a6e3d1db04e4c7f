package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import static io.jenkins.plugins.awsdelivery.engine.kube.rollout.WorkloadStatus.orZero;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/**
 * A StatefulSet's rollout: done when the controller observed the newest generation, the updated and ready replicas
 * equal {@code spec.replicas} and {@code currentRevision == updateRevision}. Its pods are those labelled with the
 * update revision ({@code controller-revision-hash}); the revision reported is {@code updateRevision}.
 */
final class StatefulSetStatus extends WorkloadStatus<StatefulSet> {
    static final String CONTROLLER_REVISION_HASH = "controller-revision-hash";

    StatefulSetStatus() {
        super(client -> client.apps().statefulSets());
    }

    @Override
    RolloutState read(KubernetesClient client, Workload workload, StatefulSet set) {
        var status = set.getStatus();
        RolloutState.NotObserved notObserved = notObserved(set, status == null ? null : status.getObservedGeneration());
        if (notObserved != null) {
            return notObserved;
        }
        List<Pod> pods = PodChecks.pods(
                client,
                workload.namespace(),
                set.getSpec().getSelector(),
                CONTROLLER_REVISION_HASH,
                status.getUpdateRevision());
        int desired = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        int updated = orZero(status.getUpdatedReplicas());
        int ready = orZero(status.getReadyReplicas());
        int available = status.getAvailableReplicas() == null ? ready : status.getAvailableReplicas();
        String waitingFor = updated < desired
                        || ready < desired
                        || available < desired
                        || !Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())
                ? updated + " of " + desired + " updated replicas, " + ready + " ready"
                : null;
        return new RolloutState.Observed(status.getUpdateRevision(), pods, waitingFor);
    }
}
