package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The AWS options every command that calls AWS shares: {@code --region}, {@code --role-arn} and
 * {@code --endpoint-url}. Credentials come from the default chain (environment variables, profile, IRSA, Pod
 * Identity, container and instance roles), as for the aws CLI.
 */
public final class AwsOptions {

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
    public boolean anyGiven() {
        return region != null || roleArn != null || endpointUrl != null;
    }

    public String region() {
        return region;
    }

    public String roleArn() {
        return roleArn;
    }

    /** The connection these options describe; errors name the command-line option. */
    public AwsConnection connection() {
        return connection(region, roleArn);
    }

    /**
     * A connection with another region or role than the options name (null keeps the option's), for commands that talk
     * to two places, such as {@code promote} between two ECR registries.
     */
    public AwsConnection connection(String regionOverride, String roleArnOverride) {
        try {
            AwsConnection.Builder builder = AwsConnection.builder()
                    .environment(ProcessEnvironment.get())
                    .region(regionOverride != null ? regionOverride : region)
                    .roleArn(roleArnOverride != null ? roleArnOverride : roleArn);
            if (endpointUrl != null) {
                builder.endpointOverride(endpoint());
            }
            return builder.build();
        } catch (InvalidParameterException e) {
            String option = OPTIONS.get(e.parameter());
            if (option == null) {
                throw e;
            }
            throw new InvalidParameterException(
                    option, e.getMessage().substring(e.parameter().length() + 2));
        }
    }

    private static final Map<String, String> OPTIONS =
            Map.of("region", "--region", "roleArn", "--role-arn", "endpointUrl", "--endpoint-url");

    private URI endpoint() {
        try {
            URI uri = new URI(endpointUrl);
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(endpointUrl, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidParameterException(
                    "--endpoint-url", "\"" + endpointUrl + "\" is not a URL such as http://127.0.0.1:4566");
        }
    }
}
