package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a network stream on which no byte moved for the stall timeout, or that is still open after its overall
 * deadline, so that a blocked or trickling read fails (and the copy is retried) instead of hanging: HTTP request
 * timeouts only cover the wait for response headers.
 */
final class StallWatchdog extends FilterInputStream {
    private final long stallNanos;
    private final long deadlineNanos;
    private final String what;
    private final ScheduledFuture<?> check;
    private final long started = System.nanoTime();
    private volatile long lastProgress = started;
    private volatile String stalled;

    /** @param deadline the longest the whole stream may take, e.g. {@link RetryPolicy#transferDeadline} */
    StallWatchdog(
            InputStream in, Duration stallTimeout, Duration deadline, ScheduledExecutorService scheduler, String what) {
        super(in);
        this.stallNanos = stallTimeout.toNanos();
        this.deadlineNanos = deadline.toNanos();
        this.what = what;
        long period = Math.max(50, stallTimeout.toMillis() / 4);
        this.check = scheduler.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        long now = System.nanoTime();
        if (now - lastProgress > stallNanos) {
            stalled = "no data for " + Duration.ofNanos(stallNanos).toSeconds() + " s; aborted";
        } else if (now - started > deadlineNanos) {
            stalled = "not done after " + Duration.ofNanos(deadlineNanos).toSeconds()
                    + " s, too slow for its size; aborted";
        }
        if (stalled != null) {
            check.cancel(false);
            try {
                in.close();
            } catch (IOException e) {
                // Closing is all we want; the reader sees the failure.
            }
        }
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.from(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = in.read(buffer, offset, length);
            lastProgress = System.nanoTime();
            if (stalled != null) {
                throw stalledException();
            }
            return n;
        } catch (IOException e) {
            if (stalled != null) {
                throw stalledException();
            }
            throw e;
        }
    }

    private IOException stalledException() {
        return new IOException(what + ": " + stalled);
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
