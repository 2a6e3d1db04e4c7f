package io.jenkins.plugins.awsdelivery.engine.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a Jenkinsfile or on a command line: {@code 90s}, {@code 5m}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {}

    /**
     * {@code 90s}, {@code 5m}, {@code 1h30m}, a number of seconds, or ISO-8601 ({@code PT5M}); positive.
     *
     * @param parameter the parameter's name as the front end calls it, for the error
     */
    public static Duration parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw invalid(parameter, String.valueOf(text));
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            if (value.matches("\\d+")) {
                duration = Duration.ofSeconds(Long.parseLong(value));
            } else if (value.startsWith("pt")) {
                duration = Duration.parse(value);
            } else {
                Matcher matcher = UNITS.matcher(value);
                if (!matcher.matches()) {
                    throw invalid(parameter, text);
                }
                duration = Duration.ZERO;
                if (matcher.group(1) != null) {
                    duration = duration.plusHours(Long.parseLong(matcher.group(1)));
                }
                if (matcher.group(2) != null) {
                    duration = duration.plusMinutes(Long.parseLong(matcher.group(2)));
                }
                if (matcher.group(3) != null) {
                    duration = duration.plusSeconds(Long.parseLong(matcher.group(3)));
                }
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw invalid(parameter, text);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new InvalidParameterException(parameter, "\"" + text + "\" must be longer than zero, e.g. 5m");
        }
        return duration;
    }

    /** {@link #parse}, or {@code fallback} when no value was given. */
    public static Duration parseOr(String parameter, String text, Duration fallback) {
        return text == null ? fallback : parse(parameter, text);
    }

    private static InvalidParameterException invalid(String parameter, String text) {
        return new InvalidParameterException(parameter, "\"" + text + "\" is not a duration such as 90s, 5m or 1h");
    }
}
