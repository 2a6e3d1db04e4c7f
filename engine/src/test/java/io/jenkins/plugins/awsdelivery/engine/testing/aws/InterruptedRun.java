package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs an operation on its own thread and interrupts that thread, as Jenkins does when a build is aborted: once
 * {@code ready} says the operation reached the point to test; then reports what it threw and whether the thread's
 * interrupt flag was still set.
 */
public final class InterruptedRun {
    /** What the interrupted operation threw (null: nothing) and whether its interrupt flag stayed set. */
    public record Outcome(Throwable thrown, boolean interruptFlagKept) {}

    /** An operation that may throw anything. */
    @FunctionalInterface
    public interface Operation {
        void run() throws Exception;
    }

    private InterruptedRun() {}

    public static Outcome interruptWhen(BooleanSupplier ready, Operation operation) throws Exception {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        operation.run();
                        outcome.complete(
                                new Outcome(null, Thread.currentThread().isInterrupted()));
                    } catch (Throwable t) {
                        outcome.complete(new Outcome(t, Thread.currentThread().isInterrupted()));
                    }
                },
                "interrupted-run");
        thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                thread.interrupt();
                throw new AssertionError("the operation did not reach the point to interrupt within 60 s");
            }
            Thread.sleep(20);
        }
        thread.interrupt();
        return outcome.get(30, TimeUnit.SECONDS);
    }
}
