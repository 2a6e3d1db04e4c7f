package io.jenkins.plugins.awsdelivery.engine.aws;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The end of a wait on an AWS control plane that is polled (ECS rollouts, CloudFormation stacks, ECR scans): a timeout measured
 * with the caller's {@link Clock}, and a pause between two polls that an interrupt ends at once.
 */
public final class Deadline {
    private final Clock clock;
    private final Duration timeout;
    private final Instant end;

    private Deadline(Clock clock, Duration timeout) {
        this.clock = Objects.requireNonNull(clock);
        this.timeout = Objects.requireNonNull(timeout);
        this.end = clock.instant().plus(timeout);
    }

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout, Clock clock) {
        return new Deadline(clock, timeout);
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean passed() {
        return !clock.instant().isBefore(end);
    }

    /**
     * Waits {@code interval}, or less when the deadline comes first.
     *
     * @param what the operation and the point it reached, for the abort message
     * @throws OperationAbortedException when the thread is interrupted (the interrupt flag stays set)
     */
    public void pause(Duration interval, String what) {
        Duration left = Duration.between(clock.instant(), end);
        Duration pause = left.compareTo(interval) < 0 ? left : interval;
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            if (!pause.isNegative() && !pause.isZero()) {
                Thread.sleep(pause.toMillis(), 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationAbortedException(what, e);
        }
    }
}
