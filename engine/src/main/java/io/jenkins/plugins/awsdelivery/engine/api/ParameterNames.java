package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a front end calls the parameters, so that an error names the one the user typed. The API's own names are the
 * Pipeline steps' parameter names ({@code caFile}, {@code roleArn}); the CLI maps them to its options
 * ({@code --ca-file}, {@code --role-arn}).
 */
public final class ParameterNames implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ParameterNames PIPELINE = new ParameterNames(Map.of());

    private final TreeMap<String, String> names;

    private ParameterNames(Map<String, String> names) {
        this.names = new TreeMap<>(names);
    }

    /** The API's own names, as the Pipeline steps use them. */
    public static ParameterNames pipeline() {
        return PIPELINE;
    }

    /** @param names API name → the front end's name; names not listed keep the API's */
    public static ParameterNames of(Map<String, String> names) {
        return new ParameterNames(names);
    }

    public String of(String apiName) {
        return names.getOrDefault(apiName, apiName);
    }

    @Override
    public String toString() {
        return "ParameterNames" + names;
    }
}
