package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.Locale;

/** Whether a tag in the repository may be moved to another image ({@code MUTABLE}) or never ({@code IMMUTABLE}). */
public enum TagMutability {
    MUTABLE,
    IMMUTABLE;

    public static TagMutability parse(String parameter, String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidParameterException(parameter, "\"" + value + "\" is not MUTABLE or IMMUTABLE");
        }
    }
}
