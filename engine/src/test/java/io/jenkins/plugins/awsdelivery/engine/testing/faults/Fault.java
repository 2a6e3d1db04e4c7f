package io.jenkins.plugins.awsdelivery.engine.testing.faults;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One misbehaviour of a registry that {@link FaultProxy} injects into the answer of a matching request: the
 * {@code occurrence}-th request (1-based) whose method and path match, or every matching request when {@code every}.
 */
public final class Fault {
    /** What happens to the answer. */
    public enum Kind {
        /** The connection closes after {@code bytes} bytes of the body have been sent. */
        DROP_AFTER_BYTES,
        /** Nothing is sent for {@code stall}, then the answer goes on normally. */
        STALL,
        /** The upstream is not asked; the proxy answers {@code status} (with {@code Retry-After} if set). */
        STATUS,
        /** The body is sent in full length but with one byte changed after {@code bytes} bytes. */
        CORRUPT_BODY,
        /** An HTML error page with {@code status}, as a load balancer in front of a registry sends. */
        HTML_ERROR_PAGE,
        /** After {@code bytes} bytes of the answer body, nothing is sent for {@code stall}, then the rest follows. */
        STALL_AFTER_BYTES,
        /**
         * The connection closes after {@code bytes} bytes of the request body (an upload) reached the proxy; the
         * registry sees the request broken off as well.
         */
        DROP_REQUEST_AFTER_BYTES
    }

    private final Kind kind;
    private final String method;
    private final Pattern path;
    private final int occurrence;
    private final boolean every;
    private final long bytes;
    private final Duration stall;
    private final int status;
    private final String retryAfter;

    private Fault(
            Kind kind,
            String method,
            Pattern path,
            int occurrence,
            boolean every,
            long bytes,
            Duration stall,
            int status,
            String retryAfter) {
        this.kind = kind;
        this.method = method;
        this.path = path;
        this.occurrence = occurrence;
        this.every = every;
        this.bytes = bytes;
        this.stall = stall;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** Matches requests with {@code method} (any if null) and a path matching {@code pathRegex} (find). */
    public static Matcher on(String method, String pathRegex) {
        return new Matcher(method, Pattern.compile(pathRegex), 1, false);
    }

    public Kind kind() {
        return kind;
    }

    long bytes() {
        return bytes;
    }

    Duration stall() {
        return stall;
    }

    int status() {
        return status;
    }

    String retryAfter() {
        return retryAfter;
    }

    boolean every() {
        return every;
    }

    int occurrence() {
        return occurrence;
    }

    boolean matches(String requestMethod, String requestPath) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && path.matcher(requestPath).find();
    }

    @Override
    public String toString() {
        return kind + " on " + (method == null ? "*" : method) + " " + path + (every ? " (every)" : " #" + occurrence);
    }

    /** The request half of a fault; finish it with one of the kinds. */
    public static final class Matcher {
        private final String method;
        private final Pattern path;
        private final int occurrence;
        private final boolean every;

        private Matcher(String method, Pattern path, int occurrence, boolean every) {
            this.method = method;
            this.path = Objects.requireNonNull(path);
            this.occurrence = occurrence;
            this.every = every;
        }

        /** Only the {@code n}-th matching request (1-based); the default is the first. */
        public Matcher occurrence(int n) {
            return new Matcher(method, path, n, false);
        }

        /** Every matching request, for faults that never heal. */
        public Matcher every() {
            return new Matcher(method, path, occurrence, true);
        }

        public Fault dropAfterBytes(long n) {
            return build(Kind.DROP_AFTER_BYTES, n, null, 0, null);
        }

        public Fault stall(Duration duration) {
            return build(Kind.STALL, 0, duration, 0, null);
        }

        public Fault status(int code) {
            return build(Kind.STATUS, 0, null, code, null);
        }

        public Fault status(int code, String retryAfterHeader) {
            return build(Kind.STATUS, 0, null, code, retryAfterHeader);
        }

        public Fault corruptAfterBytes(long n) {
            return build(Kind.CORRUPT_BODY, n, null, 0, null);
        }

        public Fault stallAfterBytes(long n, Duration duration) {
            return build(Kind.STALL_AFTER_BYTES, n, duration, 0, null);
        }

        public Fault dropRequestAfterBytes(long n) {
            return build(Kind.DROP_REQUEST_AFTER_BYTES, n, null, 0, null);
        }

        public Fault htmlErrorPage(int code) {
            return build(Kind.HTML_ERROR_PAGE, 0, null, code, null);
        }

        private Fault build(Kind kind, long bytes, Duration stall, int status, String retryAfter) {
            return new Fault(kind, method, path, occurrence, every, bytes, stall, status, retryAfter);
        }
    }
}
