package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation failed; the message says what, on which object, and what to do. When the operation got far enough to
 * have a result (a deploy that was rolled back, a push whose scan gate refused the image), {@link #partialResult()}
 * holds it as plain values; it survives Java serialization, so it reaches a Jenkins controller from its agent.
 */
public class DeliveryFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> partialResult;

    public DeliveryFailedException(String message) {
        this(message, null);
    }

    public DeliveryFailedException(String message, Map<String, Object> partialResult) {
        super(message);
        this.partialResult = partialResult == null ? null : PlainValues.copyMap(partialResult);
    }

    /** The result so far, as {@code toMap()} of the operation's result gives it; empty when there is none. */
    public Map<String, Object> partialResult() {
        return partialResult == null ? new LinkedHashMap<>() : PlainValues.copyMap(partialResult);
    }

    public boolean hasPartialResult() {
        return partialResult != null;
    }
}
