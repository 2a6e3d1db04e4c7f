package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --image NAME=REFERENCE} options as the map NAME → REFERENCE that the API takes. */
final class ImageAssignments {
    private ImageAssignments() {}

    static Map<String, String> parse(String option, List<String> assignments) {
        Map<String, String> images = new LinkedHashMap<>();
        for (String assignment : assignments == null ? List.<String>of() : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0 || eq == assignment.length() - 1) {
                throw new InvalidParameterException(
                        option, "\"" + assignment + "\" is not NAME=REFERENCE, e.g. app=123.dkr.ecr…/app@sha256:…");
            }
            if (images.put(assignment.substring(0, eq), assignment.substring(eq + 1)) != null) {
                throw new InvalidParameterException(option, assignment.substring(0, eq) + " is given twice");
            }
        }
        return images;
    }
}
