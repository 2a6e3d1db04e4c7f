package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.EksTokenRequest;
import io.jenkins.plugins.awsdelivery.engine.api.EksTokenResult;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delivery eks-token --cluster NAME [--region R] [--role-arn ARN] [--endpoint-url URL]}: an exec credential
 * plugin for kubectl that replaces {@code aws eks get-token}, with the same output.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "eks-token",
        description = {
            "Print an ExecCredential with a bearer token for an EKS cluster, as 'aws eks get-token' does, for a"
                    + " kubeconfig's exec credential plugin. The token is presigned offline for the regional STS"
                    + " endpoint; --endpoint-url only redirects the AssumeRole call of --role-arn."
        })
final class EksTokenCommand implements Runnable {
    private static final ParameterNames NAMES = ParameterNames.of(AwsOptions.namesWith(Map.of("cluster", "--cluster")));

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "the EKS cluster name")
    String cluster;

    @Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        EksTokenResult credential = Delivery.eksToken(
                CommandContext.of(spec, false),
                EksTokenRequest.builder()
                        .cluster(cluster)
                        .aws(aws.settings())
                        .names(NAMES)
                        .build());
        // Field order and separators as the aws CLI prints them (Python's json.dumps).
        spec.commandLine()
                .getOut()
                .println("{\"kind\": \"ExecCredential\", \"apiVersion\": \"client.authentication.k8s.io/v1beta1\", "
                        + "\"spec\": {}, \"status\": {\"expirationTimestamp\": \"" + credential.expirationTimestamp()
                        + "\", \"token\": \"" + credential.token() + "\"}}");
    }
}
