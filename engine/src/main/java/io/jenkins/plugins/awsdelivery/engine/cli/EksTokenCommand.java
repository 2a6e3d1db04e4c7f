package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksToken;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksTokenGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * {@code delivery eks-token --cluster NAME [--region R] [--role-arn ARN] [--endpoint-url URL]}: an exec credential
 * plugin for kubectl that replaces {@code aws eks get-token}, with the same output.
 */
@Command(
        name = "eks-token",
        description = {
            "Print an ExecCredential with a bearer token for an EKS cluster, as 'aws eks get-token' does, for a"
                    + " kubeconfig's exec credential plugin. The token is presigned offline for the regional STS"
                    + " endpoint; --endpoint-url only redirects the AssumeRole call of --role-arn."
        })
final class EksTokenCommand implements Runnable {
    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "the EKS cluster name")
    String cluster;

    @Option(names = "--region", paramLabel = "R", description = "default: AWS_REGION, the profile, or instance data")
    String region;

    @Option(names = "--role-arn", paramLabel = "ARN", description = "a role to assume first")
    String roleArn;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "send the AssumeRole call there")
    URI endpointUrl;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Region resolved = region(region);
        EksToken token = new EksTokenGenerator(credentials(resolved, roleArn, endpointUrl), resolved, Clock.systemUTC())
                .token(cluster);
        // Field order and separators as the aws CLI prints them (Python's json.dumps).
        spec.commandLine()
                .getOut()
                .println("{\"kind\": \"ExecCredential\", \"apiVersion\": \"client.authentication.k8s.io/v1beta1\", "
                        + "\"spec\": {}, \"status\": {\"expirationTimestamp\": \""
                        + EXPIRATION.format(token.expiresAt().truncatedTo(ChronoUnit.SECONDS)) + "\", \"token\": \""
                        + token.value() + "\"}}");
    }

    /** The region named, else the SDK's default region chain (AWS_REGION, profile, instance metadata). */
    static Region region(String option) {
        if (option != null && !option.isBlank()) {
            return Region.of(option);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new InvalidParameterException("region", "no AWS region given; pass --region or set AWS_REGION");
        }
    }

    /**
     * The SDK's default credential chain, or a role assumed with it when {@code roleArn} is given; the AssumeRole call
     * goes to {@code endpointUrl} when set. Interim wiring until the {@code aws} package's AwsConnection is available.
     */
    static AwsCredentialsProvider credentials(Region region, String roleArn, URI endpointUrl) {
        AwsCredentialsProvider base = DefaultCredentialsProvider.builder().build();
        if (roleArn == null || roleArn.isBlank()) {
            return base;
        }
        StsClientBuilder sts = StsClient.builder().region(region).credentialsProvider(base);
        if (endpointUrl != null) {
            sts.endpointOverride(endpointUrl);
        }
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts.build())
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("aws-container-delivery"))
                .build();
    }
}
