package io.jenkins.plugins.awsdelivery.engine.cli;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment of the CLI's process, as the engine's context takes it: the process's variables, plus the AWS SDK's
 * credential system properties ({@code -Daws.accessKeyId=…}), which the aws tools also honour. Only the CLI owns its
 * JVM, so only the CLI reads them; the engine itself never does.
 */
final class ProcessEnvironment {
    private static final Map<String, String> AWS_PROPERTIES = Map.of(
            "aws.accessKeyId", "AWS_ACCESS_KEY_ID",
            "aws.secretAccessKey", "AWS_SECRET_ACCESS_KEY",
            "aws.sessionToken", "AWS_SESSION_TOKEN",
            "aws.region", "AWS_REGION");

    private ProcessEnvironment() {}

    static Map<String, String> get() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        AWS_PROPERTIES.forEach((property, variable) -> {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                environment.put(variable, value);
            }
        });
        return environment;
    }
}
