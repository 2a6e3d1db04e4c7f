package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The AWS options every command that calls AWS shares: {@code --region}, {@code --role-arn} and
 * {@code --endpoint-url}. Credentials come from the default chain (environment variables, profile, IRSA, Pod
 * Identity, container and instance roles), as for the aws CLI.
 */
public final class AwsOptions {
    /** The API's names of these options, for a command's {@link io.jenkins.plugins.awsdelivery.engine.api.ParameterNames}. */
    private static final Map<String, String> NAMES =
            Map.of("region", "--region", "roleArn", "--role-arn", "endpointUrl", "--endpoint-url");

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, else the profile's region)")
    String region;

    @Option(
            names = "--role-arn",
            paramLabel = "ARN",
            description = "assume this IAM role with the default credentials; the session is renewed before it expires")
    String roleArn;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "send every AWS call (ECR, STS, EKS) to this endpoint instead of AWS, as the aws CLI's"
                    + " option does: for emulators and tests")
    String endpointUrl;

    /** Whether any AWS option was given, for commands where they apply only in one mode. */
    boolean anyGiven() {
        return region != null || roleArn != null || endpointUrl != null;
    }

    /** The settings these options describe; credentials come from the process's environment. */
    AwsSettings settings() {
        return AwsSettings.builder()
                .region(region)
                .roleArn(roleArn)
                .endpointUrl(endpointUrl)
                .build();
    }

    /** {@link #NAMES} plus a command's own: API name → option. */
    static Map<String, String> namesWith(Map<String, String> commandNames) {
        Map<String, String> names = new HashMap<>(NAMES);
        names.putAll(commandNames);
        return names;
    }
}
