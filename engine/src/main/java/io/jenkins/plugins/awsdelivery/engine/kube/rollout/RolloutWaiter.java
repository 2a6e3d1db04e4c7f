package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits until every workload's rollout completed, driven by watches on the workloads and their pods (no polling).
 *
 * <ul>
 *   <li>Done: the controller observed the latest generation and the updated, ready and available replicas equal the
 *       desired ones with no old replicas left ({@link WorkloadStatus}, one per kind); then every pod of the new
 *       revision must run the pinned digest ({@link PodChecks}).
 *   <li>Fails fast: a pod of the new revision whose container waits with ImagePullBackOff, ErrImagePull,
 *       CrashLoopBackOff, CreateContainerConfigError or InvalidImageName for longer than the grace period, or a
 *       Deployment whose progress deadline passed.
 *   <li>Fails at the overall timeout, saying what it was still waiting for.
 *   <li>An interrupt of the calling thread closes the watches and throws {@link OperationAbortedException}.
 * </ul>
 *
 * Success is returned only when every rollout completed; the first failure ends the wait for all. Watches that the
 * server ends are opened again ({@link ReopeningWatch}).
 */
public final class RolloutWaiter {
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
     * @throws OperationAbortedException when the calling thread is interrupted (the watches are closed first)
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
                                watcher -> client.pods().inNamespace(namespace).watch(WorkloadStatus.adapt(watcher)),
                                evaluateNamespace,
                                executor,
                                firstFailure)
                        .open());
                for (Tracker tracker : trackers) {
                    if (tracker.workload.namespace().equals(namespace)) {
                        watches.add(new ReopeningWatch(
                                        watcher -> tracker.status.watch(client, tracker.workload, watcher),
                                        evaluateNamespace,
                                        executor,
                                        firstFailure)
                                .open());
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
            throw new OperationAbortedException("waiting for the rollout of " + names(workloads));
        } catch (KubernetesClientException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new OperationAbortedException("waiting for the rollout of " + names(workloads), e);
            }
            throw e;
        } finally {
            watches.forEach(ReopeningWatch::close);
            stop(executor);
        }
    }

    /** Stops the executor and waits for its thread to end, also when the caller's thread was interrupted. */
    private static void stop(ScheduledExecutorService executor) {
        executor.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String names(List<Workload> workloads) {
        return String.join(", ", workloads.stream().map(Workload::displayName).toList());
    }

    /** The state of one workload's rollout; touched only on the executor thread. */
    private final class Tracker {
        final Workload workload;
        final WorkloadStatus<?> status;
        final PodChecks podChecks = new PodChecks(gracePeriod, clock);
        final CompletableFuture<String> result = new CompletableFuture<>();
        final ScheduledExecutorService executor;
        String waitingFor = "the controller to observe the change";

        Tracker(Workload workload, ScheduledExecutorService executor) {
            this.workload = workload;
            this.status = WorkloadStatus.of(workload.kind());
            this.executor = executor;
        }

        void timeOut() {
            fail("did not complete within " + format(timeout) + "; still waiting for " + waitingFor);
        }

        void evaluate() {
            if (result.isDone()) {
                return;
            }
            try {
                RolloutState state = status.read(client, workload);
                if (state instanceof RolloutState.Failed failed) {
                    fail(failed.why());
                } else if (state instanceof RolloutState.NotObserved notObserved) {
                    waitingFor = notObserved.waitingFor();
                } else {
                    evaluate((RolloutState.Observed) state);
                }
            } catch (KubernetesClientException e) {
                fail("could not be read from the API server: " + e.getMessage());
            }
        }

        private void evaluate(RolloutState.Observed observed) {
            var podFailure = podChecks.failedPastGracePeriod(observed.pods());
            if (podFailure.isPresent()) {
                fail(podFailure.get());
                return;
            }
            podChecks
                    .recheckIn()
                    .ifPresent(delay ->
                            executor.schedule((Runnable) this::evaluate, delay.toMillis() + 1, TimeUnit.MILLISECONDS));
            if (!observed.countsComplete()) {
                waitingFor = observed.waitingFor();
                return;
            }
            PodChecks.Digests digests = PodChecks.digests(observed.pods(), workload.expectedDigests());
            if (digests instanceof PodChecks.Digests.NotReported notReported) {
                waitingFor = notReported.waitingFor();
            } else if (digests instanceof PodChecks.Digests.Mismatch mismatch) {
                fail(mismatch.why());
            } else {
                events.info(workload.displayName() + " in " + workload.namespace() + " rolled out (revision "
                        + observed.revision() + ")");
                result.complete(observed.revision());
            }
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

    static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
