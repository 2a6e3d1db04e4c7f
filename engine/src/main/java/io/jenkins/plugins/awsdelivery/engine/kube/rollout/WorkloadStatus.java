package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.Function;

/** How to watch one workload kind and read how far its rollout got; one subclass per kind. */
abstract class WorkloadStatus<T extends HasMetadata> {
    private final Function<KubernetesClient, MixedOperation<T, ?, ? extends Resource<T>>> objects;

    WorkloadStatus(Function<KubernetesClient, MixedOperation<T, ?, ? extends Resource<T>>> objects) {
        this.objects = objects;
    }

    static WorkloadStatus<?> of(String kind) {
        return switch (kind) {
            case "Deployment" -> new DeploymentStatus();
            case "StatefulSet" -> new StatefulSetStatus();
            case "DaemonSet" -> new DaemonSetStatus();
            default -> throw new IllegalArgumentException("no rollout for kind " + kind);
        };
    }

    final Watch watch(KubernetesClient client, Workload workload, Watcher<HasMetadata> watcher) {
        return resource(client, workload).watch(adapt(watcher));
    }

    final RolloutState read(KubernetesClient client, Workload workload) {
        T object = resource(client, workload).get();
        if (object == null) {
            return new RolloutState.Failed("was deleted during the rollout");
        }
        return read(client, workload, object);
    }

    /** The rollout state of {@code object}, the workload as the API server has it now. */
    abstract RolloutState read(KubernetesClient client, Workload workload, T object);

    private Resource<T> resource(KubernetesClient client, Workload workload) {
        return objects.apply(client).inNamespace(workload.namespace()).withName(workload.name());
    }

    /**
     * What to wait for while the controller has not observed the object's newest generation ({@code
     * status.observedGeneration < metadata.generation}); null once it has.
     */
    static RolloutState.NotObserved notObserved(HasMetadata object, Long observedGeneration) {
        long generation = orZero(object.getMetadata().getGeneration());
        if (observedGeneration != null && observedGeneration >= generation) {
            return null;
        }
        return new RolloutState.NotObserved(
                "the " + object.getKind() + " controller to observe generation " + generation);
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> Watcher<T> adapt(Watcher<HasMetadata> watcher) {
        return (Watcher<T>) (Watcher<?>) watcher;
    }

    static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
