package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksToken;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksTokenGenerator;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        EksToken token;
        // --endpoint-url redirects the AWS calls (here only AssumeRole for --role-arn), never the presigned host.
        try (AwsConnection connection = aws.connection()) {
            token = new EksTokenGenerator(connection.credentialsProvider(), connection.region(), Clock.systemUTC())
                    .token(cluster);
        }
        // Field order and separators as the aws CLI prints them (Python's json.dumps).
        spec.commandLine()
                .getOut()
                .println("{\"kind\": \"ExecCredential\", \"apiVersion\": \"client.authentication.k8s.io/v1beta1\", "
                        + "\"spec\": {}, \"status\": {\"expirationTimestamp\": \""
                        + EXPIRATION.format(token.expiresAt().truncatedTo(ChronoUnit.SECONDS)) + "\", \"token\": \""
                        + token.value() + "\"}}");
    }
}
