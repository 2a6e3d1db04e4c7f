package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body read from a stream in large chunks. The JDK's {@code BodyPublishers.ofInputStream} moves 16 KiB at
 * a time (unless the JVM-wide {@code jdk.httpclient.bufsize} says otherwise), which costs several times the CPU of the
 * copy itself for a large blob; this publisher reads {@link #CHUNK} bytes per item. One subscriber, reads on the thread
 * that requests, as the JDK's publisher does.
 */
public final class InputStreamPublisher implements Flow.Publisher<ByteBuffer> {
    public static final int CHUNK = 256 * 1024;

    private final InputStream in;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    InputStreamPublisher(InputStream in) {
        this.in = in;
    }

    /** A request body of exactly {@code length} bytes read from {@code in}, for one request. */
    public static java.net.http.HttpRequest.BodyPublisher bodyOf(InputStream in, long length) {
        return new StreamedBody(in, length);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IllegalStateException("a streamed request body can be sent only once"));
            return;
        }
        subscriber.onSubscribe(new Subscription(subscriber));
    }

    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private volatile boolean done;

        Subscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                done = true;
                subscriber.onError(new IllegalArgumentException("non-positive request " + n));
                return;
            }
            demand.getAndAccumulate(n, (current, add) -> current + add < 0 ? Long.MAX_VALUE : current + add);
            // One thread drains; a request() from inside onNext only adds demand for the loop already running.
            if (draining.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (!done && demand.get() > 0) {
                    byte[] buffer = new byte[CHUNK];
                    int filled;
                    try {
                        filled = fill(buffer);
                    } catch (IOException | RuntimeException e) {
                        done = true;
                        subscriber.onError(e);
                        return;
                    }
                    if (filled > 0) {
                        demand.decrementAndGet();
                        subscriber.onNext(ByteBuffer.wrap(buffer, 0, filled));
                    }
                    if (filled < CHUNK && !done) {
                        done = true;
                        subscriber.onComplete();
                    }
                }
                missed = draining.addAndGet(-missed);
            } while (missed != 0);
        }

        /** Reads until the buffer is full or the stream ends; fewer bytes than the buffer means the end. */
        private int fill(byte[] buffer) throws IOException {
            int filled = 0;
            while (filled < buffer.length) {
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
            return filled;
        }

        @Override
        public void cancel() {
            done = true;
        }
    }
}
