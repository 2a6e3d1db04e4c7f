package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** What one look at a workload found: its rollout failed, the controller has not caught up, or its pods and progress. */
sealed interface RolloutState {

    /** The rollout cannot succeed (the workload was deleted, a progress deadline passed). */
    record Failed(String why) implements RolloutState {}

    /** The controller has not observed the newest generation yet; nothing about pods can be said. */
    record NotObserved(String waitingFor) implements RolloutState {}

    /**
     * The controller observed the newest generation: the revision rolling out, the pods of that revision and, while the
     * replica counts are not there yet, what is still missing ({@code null} once they are).
     */
    record Observed(String revision, List<Pod> pods, String waitingFor) implements RolloutState {
        public Observed {
            pods = List.copyOf(pods);
        }

        boolean countsComplete() {
            return waitingFor == null;
        }
    }
}
