package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the pods of a new revision tell about a rollout: a container that keeps waiting with a reason that does not
 * recover by itself (past the grace period, so that a slow first pull is not mistaken for a failure), and whether
 * every pinned container runs the pinned digest. One instance per workload: it remembers since when each container
 * has been failing.
 */
final class PodChecks {
    static final Set<String> FAILING_REASONS = Set.of(
            "ImagePullBackOff",
            "ErrImagePull",
            "CrashLoopBackOff",
            "CreateContainerConfigError",
            "CreateContainerError",
            "InvalidImageName");

    private final Duration gracePeriod;
    private final Clock clock;
    private final Map<String, Instant> failingSince = new HashMap<>();

    PodChecks(Duration gracePeriod, Clock clock) {
        this.gracePeriod = gracePeriod;
        this.clock = clock;
    }

    /** The verdict on the digests that the pods run. */
    sealed interface Digests {
        record AllPinned() implements Digests {}

        record NotReported(String waitingFor) implements Digests {}

        record Mismatch(String why) implements Digests {}
    }

    /**
     * The pods that {@code selector} matches and, when {@code revisionLabel} is given, that carry {@code revisionValue}
     * in it; pods being deleted are left out. A selector that selects nothing, or a missing revision, gives none.
     */
    static List<Pod> pods(
            KubernetesClient client,
            String namespace,
            LabelSelector selector,
            String revisionLabel,
            String revisionValue) {
        if (selector == null
                || (selector.getMatchLabels() == null
                                || selector.getMatchLabels().isEmpty())
                        && selector.getMatchExpressions().isEmpty()) {
            return List.of();
        }
        Map<String, String> labels =
                new HashMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
        if (revisionLabel != null) {
            if (revisionValue == null) {
                return List.of();
            }
            labels.put(revisionLabel, revisionValue);
        }
        LabelSelector withRevision = new LabelSelectorBuilder()
                .withMatchLabels(labels)
                .withMatchExpressions(selector.getMatchExpressions())
                .build();
        return client.pods().inNamespace(namespace).withLabelSelector(withRevision).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    /** What went wrong, when a container of {@code pods} has waited with a failing reason for the grace period. */
    Optional<String> failedPastGracePeriod(List<Pod> pods) {
        Instant now = clock.instant();
        Set<String> stillFailing = new HashSet<>();
        for (Pod pod : pods) {
            for (ContainerStatus container : containers(pod)) {
                if (container.getState() == null || container.getState().getWaiting() == null) {
                    continue;
                }
                String reason = container.getState().getWaiting().getReason();
                if (!FAILING_REASONS.contains(reason)) {
                    continue;
                }
                String key = pod.getMetadata().getName() + "/" + container.getName() + "/" + reason;
                stillFailing.add(key);
                Instant since = failingSince.computeIfAbsent(key, k -> now);
                if (Duration.between(since, now).compareTo(gracePeriod) >= 0) {
                    String message = container.getState().getWaiting().getMessage();
                    return Optional.of("pod " + pod.getMetadata().getName() + " container " + container.getName() + ": "
                            + reason + (message == null || message.isBlank() ? "" : " (" + message + ")"));
                }
            }
        }
        failingSince.keySet().retainAll(stillFailing);
        return Optional.empty();
    }

    /** When to look again because a failing container's grace period ends; empty when none is failing. */
    Optional<Duration> recheckIn() {
        Instant now = clock.instant();
        return failingSince.values().stream()
                .map(since -> gracePeriod.minus(Duration.between(since, now)))
                .map(left -> left.isNegative() ? Duration.ZERO : left)
                .min(Duration::compareTo);
    }

    /** Whether every pinned container of {@code pods} reports the digest pinned for it (container → digest). */
    static Digests digests(List<Pod> pods, Map<String, String> expected) {
        for (Pod pod : pods) {
            for (ContainerStatus container : containers(pod)) {
                String digest = expected.get(container.getName());
                if (digest == null) {
                    continue;
                }
                String imageId = container.getImageID();
                if (imageId == null || imageId.isEmpty()) {
                    return new Digests.NotReported(
                            "pod " + pod.getMetadata().getName() + " to report its image digest");
                }
                if (!imageId.endsWith("@" + digest)) {
                    return new Digests.Mismatch("pod " + pod.getMetadata().getName() + " container "
                            + container.getName() + " runs " + imageId + ", not the pinned " + digest);
                }
            }
        }
        return new Digests.AllPinned();
    }

    private static List<ContainerStatus> containers(Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        return Stream.concat(
                        pod.getStatus().getInitContainerStatuses().stream(),
                        pod.getStatus().getContainerStatuses().stream())
                .toList();
    }
}
