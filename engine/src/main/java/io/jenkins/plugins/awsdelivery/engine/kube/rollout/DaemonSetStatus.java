package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import static io.jenkins.plugins.awsdelivery.engine.kube.rollout.WorkloadStatus.orZero;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * A DaemonSet's rollout: done when the controller observed the newest generation and the updated, ready and available
 * pods equal {@code desiredNumberScheduled}. Its pods are all that its selector matches; the revision reported is the
 * observed generation.
 */
final class DaemonSetStatus extends WorkloadStatus<DaemonSet> {
    DaemonSetStatus() {
        super(client -> client.apps().daemonSets());
    }

    @Override
    RolloutState read(KubernetesClient client, Workload workload, DaemonSet set) {
        var status = set.getStatus();
        RolloutState.NotObserved notObserved = notObserved(set, status == null ? null : status.getObservedGeneration());
        if (notObserved != null) {
            return notObserved;
        }
        List<Pod> pods =
                PodChecks.pods(client, workload.namespace(), set.getSpec().getSelector(), null, null);
        int desired = orZero(status.getDesiredNumberScheduled());
        int updated = orZero(status.getUpdatedNumberScheduled());
        int ready = orZero(status.getNumberReady());
        int available = orZero(status.getNumberAvailable());
        String waitingFor = updated < desired || ready < desired || available < desired
                ? updated + " of " + desired + " updated pods, " + available + " available"
                : null;
        return new RolloutState.Observed(String.valueOf(orZero(set.getMetadata().getGeneration())), pods, waitingFor);
    }
}
