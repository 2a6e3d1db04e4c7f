package io.jenkins.plugins.awsdelivery.engine.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A result map cut down to the keys the CLI contract lists for a command's {@code --json}, in that order. */
final class ContractFields {
    private ContractFields() {}

    static Map<String, Object> of(Map<String, Object> values, List<String> keys) {
        Map<String, Object> fields = new LinkedHashMap<>();
        keys.forEach(key -> fields.put(key, values.get(key)));
        return fields;
    }
}
