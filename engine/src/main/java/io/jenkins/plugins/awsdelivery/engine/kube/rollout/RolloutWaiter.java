package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Waits until every workload's rollout completed, driven by watches on the workloads and their pods (no polling).
 *
 * <ul>
 *   <li>Done: the controller observed the latest generation and the updated, ready and available replicas equal the
 *       desired ones with no old replicas left; then every pod of the new revision must run the pinned digest.
 *   <li>Fails fast: a pod of the new revision whose container waits with ImagePullBackOff, ErrImagePull,
 *       CrashLoopBackOff, CreateContainerConfigError or InvalidImageName for longer than the grace period, or a
 *       Deployment whose progress deadline passed.
 *   <li>Fails at the overall timeout, saying what it was still waiting for.
 * </ul>
 *
 * Success is returned only when every rollout completed; the first failure ends the wait for all.
 */
public final class RolloutWaiter {
    static final Set<String> FAILING_REASONS = Set.of(
            "ImagePullBackOff",
            "ErrImagePull",
            "CrashLoopBackOff",
            "CreateContainerConfigError",
            "CreateContainerError",
            "InvalidImageName");
    private static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String POD_TEMPLATE_HASH = "pod-template-hash";
    private static final String CONTROLLER_REVISION_HASH = "controller-revision-hash";

    private final KubernetesClient client;
    private final EventSink events;
    private final Duration gracePeriod;
    private final Duration timeout;
    private final Clock clock;

    public RolloutWaiter(
            KubernetesClient client, EventSink events, Duration gracePeriod, Duration timeout, Clock clock) {
        this.client = Objects.requireNonNull(client);
        this.events = Objects.requireNonNull(events);
        this.gracePeriod = Objects.requireNonNull(gracePeriod);
        this.timeout = Objects.requireNonNull(timeout);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Waits for all rollouts; returns each workload's revision ({@code Kind/name} → revision) in the given order.
     *
     * @throws RolloutFailedException naming the workload, pod, container and reason of the first failure
     */
    public Map<String, String> await(List<Workload> workloads) {
        if (workloads.isEmpty()) {
            return Map.of();
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rollout-wait");
            thread.setDaemon(true);
            return thread;
        });
        List<ReopeningWatch> watches = new ArrayList<>();
        List<Tracker> trackers =
                workloads.stream().map(w -> new Tracker(w, executor)).toList();
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        try {
            for (Tracker tracker : trackers) {
                tracker.result.whenComplete((revision, error) -> {
                    if (error != null) {
                        firstFailure.completeExceptionally(error);
                    }
                });
            }
            for (String namespace : trackers.stream()
                    .map(t -> t.workload.namespace())
                    .distinct()
                    .toList()) {
                Runnable evaluateNamespace = () -> trackers.stream()
                        .filter(t -> t.workload.namespace().equals(namespace))
                        .forEach(Tracker::evaluate);
                watches.add(new ReopeningWatch(
                                watcher -> client.pods().inNamespace(namespace).watch(adapt(watcher)),
                                evaluateNamespace,
                                executor,
                                firstFailure)
                        .open());
                for (Tracker tracker : trackers) {
                    if (tracker.workload.namespace().equals(namespace)) {
                        watches.add(
                                new ReopeningWatch(tracker::watch, evaluateNamespace, executor, firstFailure).open());
                    }
                }
            }
            executor.execute(() -> trackers.forEach(Tracker::evaluate));
            executor.schedule(() -> trackers.forEach(Tracker::timeOut), timeout.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture<Void> all =
                    CompletableFuture.allOf(trackers.stream().map(t -> t.result).toArray(CompletableFuture[]::new));
            CompletableFuture.anyOf(all, firstFailure).get();
            Map<String, String> revisions = new LinkedHashMap<>();
            for (Tracker tracker : trackers) {
                revisions.put(tracker.workload.displayName(), tracker.result.getNow(null));
            }
            return revisions;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeliveryException failure) {
                throw failure;
            }
            throw new DeliveryException("waiting for the rollout: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("waiting for the rollout was interrupted");
        } finally {
            watches.forEach(ReopeningWatch::close);
            executor.shutdownNow();
        }
    }

    /**
     * A watch that is opened again when the API server ends it abnormally (e.g. 410 Gone after a long rollout), so a
     * wait never hangs on a dead watch; every event, and every reopening, re-evaluates the rollouts.
     */
    private static final class ReopeningWatch implements Watcher<HasMetadata> {
        private static final int MAX_REOPENINGS = 5;
        private final java.util.function.Function<Watcher<HasMetadata>, Watch> opener;
        private final Runnable onChange;
        private final ScheduledExecutorService executor;
        private final CompletableFuture<Void> failure;
        private final java.util.concurrent.atomic.AtomicBoolean pending =
                new java.util.concurrent.atomic.AtomicBoolean();
        private volatile Watch current;
        private volatile boolean closed;
        private int reopenings;

        ReopeningWatch(
                java.util.function.Function<Watcher<HasMetadata>, Watch> opener,
                Runnable onChange,
                ScheduledExecutorService executor,
                CompletableFuture<Void> failure) {
            this.opener = opener;
            this.onChange = onChange;
            this.executor = executor;
            this.failure = failure;
        }

        ReopeningWatch open() {
            current = opener.apply(this);
            return this;
        }

        @Override
        public void eventReceived(Action action, HasMetadata resource) {
            // A burst of events (a busy namespace) leads to one evaluation, not one per event.
            if (pending.compareAndSet(false, true)) {
                executor.execute(() -> {
                    pending.set(false);
                    onChange.run();
                });
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            if (closed) {
                return;
            }
            if (++reopenings > MAX_REOPENINGS) {
                failure.completeExceptionally(new DeliveryException("watching the rollout: the API server ended the"
                        + " watch " + reopenings + " times (" + cause.getMessage() + "); check the connection"));
                return;
            }
            executor.execute(() -> {
                if (!closed) {
                    open();
                    onChange.run();
                }
            });
        }

        void close() {
            closed = true;
            if (current != null) {
                current.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> Watcher<T> adapt(Watcher<HasMetadata> watcher) {
        return (Watcher<T>) (Watcher<?>) watcher;
    }

    /** The state of one workload's rollout; touched only on the executor thread. */
    private final class Tracker {
        final Workload workload;
        final CompletableFuture<String> result = new CompletableFuture<>();
        final Map<String, Instant> failingSince = new HashMap<>();
        final ScheduledExecutorService executor;
        String waitingFor = "the controller to observe the change";

        Tracker(Workload workload, ScheduledExecutorService executor) {
            this.workload = workload;
            this.executor = executor;
        }

        Watch watch(Watcher<HasMetadata> watcher) {
            String namespace = workload.namespace();
            String name = workload.name();
            return switch (workload.kind()) {
                case "Deployment" ->
                    client.apps()
                            .deployments()
                            .inNamespace(namespace)
                            .withName(name)
                            .watch(adapt(watcher));
                case "StatefulSet" ->
                    client.apps()
                            .statefulSets()
                            .inNamespace(namespace)
                            .withName(name)
                            .watch(adapt(watcher));
                case "DaemonSet" ->
                    client.apps()
                            .daemonSets()
                            .inNamespace(namespace)
                            .withName(name)
                            .watch(adapt(watcher));
                default -> throw new IllegalArgumentException("no rollout for kind " + workload.kind());
            };
        }

        void timeOut() {
            fail("did not complete within " + format(timeout) + "; still waiting for " + waitingFor);
        }

        void evaluate() {
            if (result.isDone()) {
                return;
            }
            try {
                switch (workload.kind()) {
                    case "Deployment" -> evaluateDeployment();
                    case "StatefulSet" -> evaluateStatefulSet();
                    case "DaemonSet" -> evaluateDaemonSet();
                    default -> throw new IllegalArgumentException(workload.kind());
                }
            } catch (KubernetesClientException e) {
                fail("could not be read from the API server: " + e.getMessage());
            }
        }

        private void evaluateDeployment() {
            Deployment deployment = client.apps()
                    .deployments()
                    .inNamespace(workload.namespace())
                    .withName(workload.name())
                    .get();
            if (deployment == null) {
                fail("was deleted during the rollout");
                return;
            }
            var status = deployment.getStatus();
            if (status != null) {
                for (DeploymentCondition condition : status.getConditions()) {
                    if ("Progressing".equals(condition.getType())
                            && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                        fail("exceeded its progress deadline (ProgressDeadlineExceeded): " + condition.getMessage());
                        return;
                    }
                }
            }
            long generation = orZero(deployment.getMetadata().getGeneration());
            if (status == null || orZero(status.getObservedGeneration()) < generation) {
                waitingFor = "the Deployment controller to observe generation " + generation;
                return;
            }
            String revision = annotation(deployment, REVISION);
            List<Pod> pods = List.of();
            if (revision != null) {
                ReplicaSet current =
                        client.apps().replicaSets().inNamespace(workload.namespace()).list().getItems().stream()
                                .filter(rs -> ownedBy(rs, deployment))
                                .filter(rs -> revision.equals(annotation(rs, REVISION)))
                                .findFirst()
                                .orElse(null);
                if (current != null && current.getMetadata().getLabels() != null) {
                    String hash = current.getMetadata().getLabels().get(POD_TEMPLATE_HASH);
                    pods = pods(deployment.getSpec().getSelector(), POD_TEMPLATE_HASH, hash);
                }
            }
            if (failedPods(pods)) {
                return;
            }
            int desired = deployment.getSpec().getReplicas() == null
                    ? 1
                    : deployment.getSpec().getReplicas();
            int updated = orZero(status.getUpdatedReplicas());
            int ready = orZero(status.getReadyReplicas());
            int available = orZero(status.getAvailableReplicas());
            int total = orZero(status.getReplicas());
            if (updated < desired || ready < desired || available < desired || total > updated) {
                waitingFor = updated + " of " + desired + " updated replicas, " + ready + " ready, " + available
                        + " available" + (total > updated ? ", " + (total - updated) + " old replicas left" : "");
                return;
            }
            finish(revision, pods);
        }

        private void evaluateStatefulSet() {
            StatefulSet set = client.apps()
                    .statefulSets()
                    .inNamespace(workload.namespace())
                    .withName(workload.name())
                    .get();
            if (set == null) {
                fail("was deleted during the rollout");
                return;
            }
            var status = set.getStatus();
            long generation = orZero(set.getMetadata().getGeneration());
            if (status == null || orZero(status.getObservedGeneration()) < generation) {
                waitingFor = "the StatefulSet controller to observe generation " + generation;
                return;
            }
            List<Pod> pods = pods(set.getSpec().getSelector(), CONTROLLER_REVISION_HASH, status.getUpdateRevision());
            if (failedPods(pods)) {
                return;
            }
            int desired =
                    set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
            int updated = orZero(status.getUpdatedReplicas());
            int ready = orZero(status.getReadyReplicas());
            int available = status.getAvailableReplicas() == null ? ready : status.getAvailableReplicas();
            if (updated < desired
                    || ready < desired
                    || available < desired
                    || !Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())) {
                waitingFor = updated + " of " + desired + " updated replicas, " + ready + " ready";
                return;
            }
            finish(status.getUpdateRevision(), pods);
        }

        private void evaluateDaemonSet() {
            DaemonSet set = client.apps()
                    .daemonSets()
                    .inNamespace(workload.namespace())
                    .withName(workload.name())
                    .get();
            if (set == null) {
                fail("was deleted during the rollout");
                return;
            }
            var status = set.getStatus();
            long generation = orZero(set.getMetadata().getGeneration());
            if (status == null || orZero(status.getObservedGeneration()) < generation) {
                waitingFor = "the DaemonSet controller to observe generation " + generation;
                return;
            }
            List<Pod> pods = pods(set.getSpec().getSelector(), null, null);
            if (failedPods(pods)) {
                return;
            }
            int desired = orZero(status.getDesiredNumberScheduled());
            int updated = orZero(status.getUpdatedNumberScheduled());
            int ready = orZero(status.getNumberReady());
            int available = orZero(status.getNumberAvailable());
            if (updated < desired || ready < desired || available < desired) {
                waitingFor = updated + " of " + desired + " updated pods, " + available + " available";
                return;
            }
            finish(String.valueOf(generation), pods);
        }

        private List<Pod> pods(LabelSelector selector, String revisionLabel, String revisionValue) {
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
            LabelSelector withRevision = new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                    .withMatchLabels(labels)
                    .withMatchExpressions(selector.getMatchExpressions())
                    .build();
            return client
                    .pods()
                    .inNamespace(workload.namespace())
                    .withLabelSelector(withRevision)
                    .list()
                    .getItems()
                    .stream()
                    .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                    .toList();
        }

        /** True when a pod failed for longer than the grace period (and the tracker failed). */
        private boolean failedPods(List<Pod> pods) {
            Instant now = clock.instant();
            Set<String> stillFailing = new java.util.HashSet<>();
            for (Pod pod : pods) {
                if (pod.getStatus() == null) {
                    continue;
                }
                List<ContainerStatus> statuses = Stream.concat(
                                pod.getStatus().getInitContainerStatuses().stream(),
                                pod.getStatus().getContainerStatuses().stream())
                        .toList();
                for (ContainerStatus container : statuses) {
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
                    Duration failingFor = Duration.between(since, now);
                    if (failingFor.compareTo(gracePeriod) >= 0) {
                        String message = container.getState().getWaiting().getMessage();
                        fail("pod " + pod.getMetadata().getName() + " container " + container.getName() + ": " + reason
                                + (message == null || message.isBlank() ? "" : " (" + message + ")"));
                        return true;
                    }
                    scheduleRecheck(gracePeriod.minus(failingFor));
                }
            }
            failingSince.keySet().retainAll(stillFailing);
            return false;
        }

        private void scheduleRecheck(Duration delay) {
            executor.schedule(this::evaluate, delay.toMillis() + 1, TimeUnit.MILLISECONDS);
        }

        private void finish(String revision, List<Pod> pods) {
            for (Pod pod : pods) {
                for (ContainerStatus container : pod.getStatus() == null
                        ? List.<ContainerStatus>of()
                        : Stream.concat(
                                        pod.getStatus().getInitContainerStatuses().stream(),
                                        pod.getStatus().getContainerStatuses().stream())
                                .toList()) {
                    String expected = workload.expectedDigests().get(container.getName());
                    if (expected == null) {
                        continue;
                    }
                    String imageId = container.getImageID();
                    if (imageId == null || imageId.isEmpty()) {
                        waitingFor = "pod " + pod.getMetadata().getName() + " to report its image digest";
                        return;
                    }
                    if (!imageId.endsWith("@" + expected)) {
                        fail("pod " + pod.getMetadata().getName() + " container " + container.getName() + " runs "
                                + imageId + ", not the pinned " + expected);
                        return;
                    }
                }
            }
            events.info(
                    workload.displayName() + " in " + workload.namespace() + " rolled out (revision " + revision + ")");
            result.complete(revision);
        }

        private void fail(String why) {
            if (!result.isDone()) {
                result.completeExceptionally(new RolloutFailedException(
                        workload.displayName(),
                        "rollout of " + workload.displayName() + " in namespace " + workload.namespace() + " failed: "
                                + why));
            }
        }
    }

    private static boolean ownedBy(HasMetadata child, HasMetadata owner) {
        return child.getMetadata().getOwnerReferences().stream()
                .anyMatch(
                        ref -> Objects.equals(ref.getUid(), owner.getMetadata().getUid()));
    }

    private static String annotation(HasMetadata resource, String key) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
