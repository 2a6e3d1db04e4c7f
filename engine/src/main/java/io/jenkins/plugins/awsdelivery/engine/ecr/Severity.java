package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finding severities of ECR scans, lowest first; {@code UNDEFINED} and {@code UNTRIAGED} rank below all. */
public enum Severity {
    UNDEFINED,
    UNTRIAGED,
    INFORMATIONAL,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Whether findings of this severity fail a gate with {@code threshold}. */
    public boolean atOrAbove(Severity threshold) {
        return compareTo(threshold) >= 0 && compareTo(INFORMATIONAL) >= 0;
    }

    /** Parses a threshold such as {@code HIGH}; the error names {@code parameter}. */
    public static Severity parse(String parameter, String value) {
        try {
            Severity severity = valueOf(value.strip().toUpperCase(Locale.ROOT));
            if (severity.compareTo(INFORMATIONAL) >= 0) {
                return severity;
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // Answered below.
        }
        throw new InvalidParameterException(
                parameter,
                "\"" + value + "\" is not a severity; use one of "
                        + Arrays.stream(values())
                                .filter(s -> s.compareTo(INFORMATIONAL) >= 0)
                                .map(Enum::name)
                                .collect(Collectors.joining(", ")));
    }

    /** The severity ECR reports, or {@code UNDEFINED} for one this engine does not know. */
    static Severity fromEcr(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return UNDEFINED;
        }
    }
}
