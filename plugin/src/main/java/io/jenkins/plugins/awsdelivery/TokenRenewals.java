package io.jenkins.plugins.awsdelivery;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;

/**
 * The controller's schedule of kubeconfig token renewals, one per running {@code withEksKubeConfig} body, keyed by the
 * kubeconfig's folder. A renewal re-arms itself for the next token; the body's end cancels it; a resumed build arms it
 * again (a controller restart forgets the schedule, not the build).
 */
final class TokenRenewals {
    private static final Map<String, Armed> SCHEDULED = new ConcurrentHashMap<>();

    private TokenRenewals() {}

    static void schedule(String folder, long delayMillis, Runnable renewal) {
        ScheduledFuture<?> next = Timer.get().schedule(renewal, Math.max(delayMillis, 0), TimeUnit.MILLISECONDS);
        Armed previous = SCHEDULED.put(folder, new Armed(next, Instant.now()));
        if (previous != null) {
            previous.future.cancel(false);
        }
    }

    static void cancel(String folder) {
        Armed armed = SCHEDULED.remove(folder);
        if (armed != null) {
            armed.future.cancel(false);
        }
    }

    static boolean isScheduled(String folder) {
        return SCHEDULED.containsKey(folder);
    }

    /** When the folder's current renewal was armed; empty when none is. */
    static Optional<Instant> armedAt(String folder) {
        return Optional.ofNullable(SCHEDULED.get(folder)).map(armed -> armed.at);
    }

    private static final class Armed {
        private final ScheduledFuture<?> future;
        private final Instant at;

        Armed(ScheduledFuture<?> future, Instant at) {
            this.future = future;
            this.at = at;
        }
    }
}
