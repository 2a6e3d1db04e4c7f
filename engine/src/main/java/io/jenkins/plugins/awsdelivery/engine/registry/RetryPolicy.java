package io.jenkins.plugins.awsdelivery.engine.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard the client tries: attempts and exponential backoff for connection errors, 5xx and 429 (a
 * {@code Retry-After} the registry sends wins over the backoff, up to {@link #maxRetryAfter()}), plus the timeouts.
 * Tests pass a {@link Sleeper} that does not sleep.
 */
public final class RetryPolicy {
    /** Waits between attempts; replaceable so that tests run fast. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration stallTimeout;
    private final long minimumThroughput;
    private final Sleeper sleeper;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.maxRetryAfter = b.maxRetryAfter;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.stallTimeout = b.stallTimeout;
        this.minimumThroughput = b.minimumThroughput;
        this.sleeper = b.sleeper;
    }

    /**
     * 5 attempts, 0.5 s doubling up to 10 s, connect 10 s, response headers 60 s, stalled stream 60 s, at least
     * 16 KiB/s per transfer.
     */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .maxAttempts(maxAttempts)
                .initialDelay(initialDelay)
                .maxDelay(maxDelay)
                .maxRetryAfter(maxRetryAfter)
                .connectTimeout(connectTimeout)
                .responseTimeout(responseTimeout)
                .stallTimeout(stallTimeout)
                .minimumThroughput(minimumThroughput)
                .sleeper(sleeper);
    }

    /** Attempts in total, the first included; 1 means no retry. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Longest wait for the status line and headers of a request without a streamed body. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** A blob stream that moves no byte for this long is aborted (and the copy retried). */
    public Duration stallTimeout() {
        return stallTimeout;
    }

    /** Bytes per second below which a transfer is given up: see {@link #transferDeadline}. */
    public long minimumThroughput() {
        return minimumThroughput;
    }

    /**
     * The longest a transfer of {@code bytes} may take in total: the stall timeout plus the time the bytes need at the
     * minimum throughput. A server that sends one byte just before each stall would otherwise keep a copy busy forever.
     */
    public Duration transferDeadline(long bytes) {
        long seconds = Math.max(0, bytes) / minimumThroughput;
        return stallTimeout.plusSeconds(seconds);
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * The wait before attempt {@code failedAttempt + 1}.
     *
     * @param retryAfter what the registry asked for, or null
     */
    public Duration delayAfter(int failedAttempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        long millis = initialDelay.toMillis();
        for (int i = 1; i < failedAttempt && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    void pause(int failedAttempt, Duration retryAfter) {
        try {
            sleeper.sleep(delayAfter(failedAttempt, retryAfter));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.jenkins.plugins.awsdelivery.engine.OperationAbortedException("waiting to retry");
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
                + ", maxRetryAfter=" + maxRetryAfter + ", connectTimeout=" + connectTimeout + ", responseTimeout="
                + responseTimeout + ", stallTimeout=" + stallTimeout + ", minimumThroughput=" + minimumThroughput + "}";
    }

    public static final class Builder {
        private int maxAttempts = 5;
        private Duration initialDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(10);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private Duration stallTimeout = Duration.ofSeconds(60);
        private long minimumThroughput = 16 * 1024;
        private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());

        private Builder() {}

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder initialDelay(Duration delay) {
            this.initialDelay = delay;
            return this;
        }

        public Builder maxDelay(Duration delay) {
            this.maxDelay = delay;
            return this;
        }

        public Builder maxRetryAfter(Duration delay) {
            this.maxRetryAfter = delay;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = timeout;
            return this;
        }

        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = timeout;
            return this;
        }

        /** Bytes per second every transfer must reach on average (default 16 KiB/s). */
        public Builder minimumThroughput(long bytesPerSecond) {
            this.minimumThroughput = bytesPerSecond;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public RetryPolicy build() {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            positive("initialDelay", initialDelay);
            positive("maxDelay", maxDelay);
            positive("maxRetryAfter", maxRetryAfter);
            positive("connectTimeout", connectTimeout);
            positive("responseTimeout", responseTimeout);
            positive("stallTimeout", stallTimeout);
            if (minimumThroughput < 1) {
                throw new IllegalArgumentException(
                        "minimumThroughput must be at least 1 byte per second, was " + minimumThroughput);
            }
            return new RetryPolicy(this);
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
            }
        }
    }
}
