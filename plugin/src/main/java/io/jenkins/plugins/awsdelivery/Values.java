package io.jenkins.plugins.awsdelivery;

import hudson.AbortException;
import io.jenkins.plugins.awsdelivery.engine.api.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step parameters as Pipeline hands them over (Groovy lists and maps, GStrings) and result values read back. */
final class Values {
    private Values() {}

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A copy that Jenkins's XStream and JBoss Marshalling can store; Groovy strings become Strings. */
    static List<String> list(List<?> values) {
        List<String> copy = new ArrayList<>();
        if (values != null) {
            for (Object value : values) {
                copy.add(String.valueOf(value));
            }
        }
        return copy;
    }

    static Map<String, String> map(Map<?, ?> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((key, value) -> copy.put(String.valueOf(key), String.valueOf(value)));
        }
        return copy;
    }

    /** One String (entries separated by commas or new lines) or a list of them. */
    static List<String> paths(Object value) {
        if (value instanceof List<?> items) {
            return list(items);
        }
        List<String> paths = new ArrayList<>();
        if (value != null) {
            for (String path : value.toString().split("[,\\n]")) {
                if (!path.isBlank()) {
                    paths.add(path.strip());
                }
            }
        }
        return paths;
    }

    /** A map, or {@code NAME=VALUE} entries in one String separated by new lines (as a form's text area gives). */
    static Map<String, String> pairs(Object value) {
        if (value instanceof Map<?, ?> entries) {
            return map(entries);
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        if (value != null) {
            for (String line : value.toString().split("\\n")) {
                int equals = line.indexOf('=');
                if (!line.isBlank()) {
                    pairs.put(
                            (equals < 0 ? line : line.substring(0, equals)).strip(),
                            equals < 0 ? "" : line.substring(equals + 1).strip());
                }
            }
        }
        return pairs;
    }

    /** The digest a parameter names ({@code sha256:…}, or a reference with one such as an {@code imageUri}). */
    static String digest(String parameter, String value) throws AbortException {
        var problem = Validation.digest(parameter, value);
        if (problem.isPresent()) {
            throw new AbortException(problem.get());
        }
        return Validation.digestOf(value).orElseThrow();
    }

    static String string(Map<String, Object> result, String key) {
        Object value = result.get(key);
        return value == null ? null : value.toString();
    }

    static List<String> strings(Map<String, Object> result, String key) {
        return result.get(key) instanceof List<?> items ? list(items) : List.of();
    }

    static Map<String, String> map(Map<String, Object> result, String key) {
        return map(result.get(key) instanceof Map<?, ?> entries ? entries : null);
    }

    static long number(Map<String, Object> result, String key) {
        return result.get(key) instanceof Number number ? number.longValue() : 0;
    }
}
