package io.jenkins.plugins.awsdelivery.engine.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a value into the plain types a Pipeline return value and the remoting channel both accept: String, Number,
 * Boolean, {@link ArrayList} and {@link LinkedHashMap} with String keys (JEP-200 allows these; Pipeline's CPS can
 * serialize them). Anything else is a programming error.
 */
final class PlainValues {
    private PlainValues() {}

    static LinkedHashMap<String, Object> copyMap(Map<?, ?> map) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), copy(value)));
        return copy;
    }

    static Object copy(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Number number) {
            return number instanceof Float ? (Object) number.doubleValue() : (Object) number.longValue();
        }
        if (value instanceof Path path) {
            return path.toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map);
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            items.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        throw new IllegalArgumentException(
                "not a plain value: " + value.getClass().getName());
    }
}
