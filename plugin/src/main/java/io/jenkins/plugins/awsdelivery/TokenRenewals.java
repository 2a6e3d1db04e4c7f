package io.jenkins.plugins.awsdelivery;

import java.util.Map;
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
    private static final Map<String, ScheduledFuture<?>> SCHEDULED = new ConcurrentHashMap<>();

    private TokenRenewals() {}

    static void schedule(String folder, long delayMillis, Runnable renewal) {
        ScheduledFuture<?> next = Timer.get().schedule(renewal, Math.max(delayMillis, 0), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = SCHEDULED.put(folder, next);
        if (previous != null && previous != next) {
            previous.cancel(false);
        }
    }

    static void cancel(String folder) {
        ScheduledFuture<?> scheduled = SCHEDULED.remove(folder);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    static boolean isScheduled(String folder) {
        return SCHEDULED.containsKey(folder);
    }
}
