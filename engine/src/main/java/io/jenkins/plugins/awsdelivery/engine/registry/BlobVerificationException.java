package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.IOException;

/** Streamed blob content did not match its descriptor (digest or size); never retried, never committed. */
final class BlobVerificationException extends IOException {
    private static final long serialVersionUID = 1L;

    BlobVerificationException(String message) {
        super(message);
    }
}
