package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks and defensive copies for the entries' constructors. Copies are plain {@link ArrayList} and
 * {@link LinkedHashMap}, which Jenkins's XStream reads back without opening JDK internals; accessors wrap them
 * unmodifiable.
 */
final class Values {
    private Values() {}

    static String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(parameter, "is required");
        }
        return value;
    }

    /** Null stays null (an optional value not given); blank becomes null too. */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The canonical form of a digest, after checking it. */
    static String digest(String parameter, String value) {
        return Digest.parse(parameter, value).toString();
    }

    static int count(String parameter, int value) {
        return (int) count(parameter, (long) value);
    }

    static long count(String parameter, long value) {
        if (value < 0) {
            throw new InvalidParameterException(parameter, "is " + value + "; a count cannot be negative");
        }
        return value;
    }

    /** A null collection is empty; a null element is an error. */
    static <T> ArrayList<T> copyOf(String parameter, Collection<? extends T> values) {
        ArrayList<T> copy = new ArrayList<>();
        if (values != null) {
            for (T value : values) {
                if (value == null) {
                    throw new InvalidParameterException(parameter, "holds a null element; leave it out instead");
                }
                copy.add(value);
            }
        }
        return copy;
    }

    /** A null map is empty; a null key or value is an error. */
    static LinkedHashMap<String, String> copyOf(String parameter, Map<String, String> values) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((key, value) -> {
                if (key == null || value == null) {
                    throw new InvalidParameterException(
                            parameter, "holds a null name or value (" + key + "); leave the pair out instead");
                }
                copy.put(key, value);
            });
        }
        return copy;
    }
}
