package io.jenkins.plugins.awsdelivery.engine;

/** A parameter the caller passed is wrong; {@link #parameter()} names it as the user wrote it (e.g. {@code source}). */
public class InvalidParameterException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    /** What is wrong, without the parameter's name in front. */
    public String detail() {
        String message = getMessage();
        return message.startsWith(parameter + ": ") ? message.substring(parameter.length() + 2) : message;
    }
}
