package io.jenkins.plugins.awsdelivery.engine;

/** A parameter the caller passed is wrong; {@link #parameter()} names it as the user wrote it (e.g. {@code source}). */
public class InvalidParameterException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String detail;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
        this.detail = String.valueOf(message); // as the message shows it
    }

    public String parameter() {
        return parameter;
    }

    /** What is wrong, without the parameter's name in front. */
    public String detail() {
        return detail;
    }
}
