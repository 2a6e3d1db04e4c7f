package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Repeatable {@code KEY=VALUE} options ({@code --image}, {@code --parameter}, {@code --tag}) as the map the API takes. */
final class Assignments {
    private static final String IMAGE = "NAME=REFERENCE, e.g. app=123.dkr.ecr…/app@sha256:…";

    private Assignments() {}

    /**
     * @param form how the option's values look, for the error
     * @param emptyValues whether {@code KEY=} (an empty value) is allowed
     */
    static Map<String, String> parse(String option, List<String> assignments, String form, boolean emptyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String assignment : assignments == null ? List.<String>of() : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0 || (!emptyValues && eq == assignment.length() - 1)) {
                throw new InvalidParameterException(option, "\"" + assignment + "\" is not " + form);
            }
            if (map.put(assignment.substring(0, eq), assignment.substring(eq + 1)) != null) {
                throw new InvalidParameterException(option, assignment.substring(0, eq) + " is given twice");
            }
        }
        return map;
    }

    /** {@code --image NAME=REFERENCE} values. */
    static Map<String, String> images(List<String> assignments) {
        return parse("--image", assignments, IMAGE, false);
    }
}
