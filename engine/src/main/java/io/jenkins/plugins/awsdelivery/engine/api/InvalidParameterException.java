package io.jenkins.plugins.awsdelivery.engine.api;

/**
 * A parameter the caller passed is wrong. The message starts with the parameter's name as the front end calls it
 * ({@code --ca-file} on the command line, {@code caFile} in a Pipeline step) and says how to fix the value.
 */
public final class InvalidParameterException extends DeliveryFailedException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    /** The parameter's name as the front end calls it. */
    public String parameter() {
        return parameter;
    }
}
