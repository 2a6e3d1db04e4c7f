package io.jenkins.plugins.awsdelivery.engine.reference;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;

/** An image reference or digest that does not follow the distribution reference grammar. */
public final class InvalidReferenceException extends InvalidParameterException {
    private static final long serialVersionUID = 1L;

    InvalidReferenceException(String parameter, String message) {
        super(parameter, message);
    }
}
