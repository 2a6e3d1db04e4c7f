package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;

/**
 * A registry refused or failed a request. The message names the operation, the object (repository, digest or tag),
 * the HTTP status with the registry's error code, and what to do. {@link #statusCode()} is 0 when no response came.
 */
public class RegistryException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public RegistryException(String message) {
        this(message, 0, null);
    }

    public RegistryException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }

    /** True when the registry answered 404: the manifest, blob or repository does not exist. */
    public boolean isNotFound() {
        return statusCode == 404;
    }
}
