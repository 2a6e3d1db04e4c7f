package io.jenkins.plugins.awsdelivery.engine.record;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object of a record being read, with its path for error messages ({@code entries[2].resources[0]}). A
 * missing or null field reads as its default (null, 0, false, empty); a present field of the wrong type is an error.
 * Unknown fields are never looked at.
 */
final class Fields {
    private final Map<?, ?> map;
    private final String path;

    Fields(Map<?, ?> map, String path) {
        this.map = map;
        this.path = path;
    }

    String path() {
        return path;
    }

    Instant time() {
        String value = requiredString("time");
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw wrong("time", "\"" + value + "\" is not an ISO-8601 instant such as 2026-12-01T14:22:14Z");
        }
    }

    String requiredString(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw new ReleaseRecordFormatException("release record: " + path + "." + name + " is missing");
        }
        return value;
    }

    String optionalString(String name) {
        Object value = map.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrong(name, "expected a string, found " + value);
    }

    int integer(String name) {
        long value = longInteger(name);
        if (value != (int) value) {
            throw wrong(name, value + " is too large");
        }
        return (int) value;
    }

    long longInteger(String name) {
        Object value = map.get(name);
        if (value == null) {
            return 0;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw wrong(name, "expected a whole number, found " + value);
    }

    boolean bool(String name) {
        Object value = map.get(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrong(name, "expected true or false, found " + value);
    }

    List<String> strings(String name) {
        List<String> strings = new ArrayList<>();
        for (Object value : list(name)) {
            if (!(value instanceof String s)) {
                throw wrong(name, "expected a list of strings, found " + value);
            }
            strings.add(s);
        }
        return strings;
    }

    Map<String, String> stringMap(String name) {
        Map<String, String> strings = new LinkedHashMap<>();
        Object value = map.get(name);
        if (value == null) {
            return strings;
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw wrong(name, "expected an object of strings, found " + value);
        }
        object.forEach((key, item) -> {
            if (!(item instanceof String s)) {
                throw wrong(name + "." + key, "expected a string, found " + item);
            }
            strings.put((String) key, s);
        });
        return strings;
    }

    List<Fields> objects(String name) {
        List<Fields> objects = new ArrayList<>();
        List<?> values = list(name);
        for (int i = 0; i < values.size(); i++) {
            objects.add(object(values.get(i), path + "." + name + "[" + i + "]"));
        }
        return objects;
    }

    /** A required nested object. */
    Fields object(String name) {
        Object value = map.get(name);
        if (value == null) {
            throw new ReleaseRecordFormatException("release record: " + path + "." + name + " is missing");
        }
        return object(value, path + "." + name);
    }

    static Fields object(Object value, String path) {
        if (!(value instanceof Map<?, ?> object)) {
            throw new ReleaseRecordFormatException("release record: " + path + ": expected an object, found " + value);
        }
        return new Fields(object, path);
    }

    private List<?> list(String name) {
        Object value = map.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrong(name, "expected a list, found " + value);
        }
        return list;
    }

    private ReleaseRecordFormatException wrong(String name, String problem) {
        return new ReleaseRecordFormatException("release record: " + path + "." + name + ": " + problem);
    }
}
