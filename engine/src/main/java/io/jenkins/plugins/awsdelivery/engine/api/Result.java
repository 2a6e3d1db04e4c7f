package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an operation returns: plain values under the keys the CLI's {@code --json} prints and a Pipeline step returns,
 * with typed accessors in each subclass. Immutable and serializable: {@link #toMap()} hands out a copy.
 */
public abstract class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> values;

    Result(Map<String, ?> values) {
        this.values = PlainValues.copyMap(values);
    }

    /** String, Number, Boolean, List and Map only: a Pipeline return value, or the CLI's JSON. */
    public final Map<String, Object> toMap() {
        return PlainValues.copyMap(values);
    }

    final String string(String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }

    final long number(String key) {
        Object value = values.get(key);
        return value instanceof Number number ? number.longValue() : 0;
    }

    final boolean bool(String key) {
        return Boolean.TRUE.equals(values.get(key));
    }

    @SuppressWarnings("unchecked")
    final List<Object> list(String key) {
        Object value = values.get(key);
        return value instanceof List<?> list ? List.copyOf((List<Object>) list) : List.of();
    }

    /** The objects listed under {@code key}, each a copy; empty when there are none. */
    @SuppressWarnings("unchecked")
    final List<Map<String, Object>> maps(String key) {
        return list(key).stream()
                .map(item -> (Map<String, Object>) PlainValues.copy(item))
                .toList();
    }

    /** A copy of the object under {@code key}; null when there is none. */
    @SuppressWarnings("unchecked")
    final <V> Map<String, V> map(String key) {
        Object value = values.get(key);
        return value instanceof Map<?, ?> ? (Map<String, V>) PlainValues.copy(value) : null;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((Result) other).values.equals(values);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), values);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + values;
    }
}
