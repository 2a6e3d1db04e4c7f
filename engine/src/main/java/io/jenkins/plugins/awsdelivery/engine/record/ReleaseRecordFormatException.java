package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;

/** A {@code release.json} that cannot be read: not JSON, a newer schema, or a field of the wrong type. */
public final class ReleaseRecordFormatException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    public ReleaseRecordFormatException(String message) {
        super(message);
    }

    public ReleaseRecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
