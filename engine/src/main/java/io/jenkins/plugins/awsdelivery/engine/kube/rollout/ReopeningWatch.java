package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A watch that is opened again when the API server ends it abnormally (e.g. 410 Gone after a long rollout, or a
 * dropped connection), so a wait never hangs on a dead watch; every event, and every reopening, re-evaluates the
 * rollouts on the executor.
 */
final class ReopeningWatch implements Watcher<HasMetadata> {
    static final int MAX_REOPENINGS = 5;

    private final Function<Watcher<HasMetadata>, Watch> opener;
    private final Runnable onChange;
    private final Executor executor;
    private final CompletableFuture<Void> failure;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Watch current;
    private volatile boolean closed;
    private int reopenings;

    ReopeningWatch(
            Function<Watcher<HasMetadata>, Watch> opener,
            Runnable onChange,
            Executor executor,
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
        Watch watch = current;
        if (watch != null) {
            watch.close();
        }
    }
}
