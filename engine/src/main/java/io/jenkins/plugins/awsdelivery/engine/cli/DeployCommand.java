package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeployRequest;
import io.jenkins.plugins.awsdelivery.engine.api.DeployResult;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code delivery deploy MANIFEST_PATH... --namespace NS (--kubeconfig PATH | --eks-cluster NAME [--region R]
 * [--role-arn ARN]) [--image NAME=REFERENCE]... [--timeout DURATION] [--rollback-on-failure] [--dry-run]
 * [--endpoint-url URL] [--json]}.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "deploy",
        description = {
            "Server-side apply manifests to a namespace and wait until every Deployment, StatefulSet and DaemonSet"
                    + " rolled out; fail fast on ImagePullBackOff, CrashLoopBackOff and the like."
        })
final class DeployCommand implements Runnable {
    private static final ParameterNames NAMES = ParameterNames.of(AwsOptions.namesWith(Map.of(
            "manifests", "MANIFEST_PATH",
            "namespace", "--namespace",
            "cluster", "--eks-cluster",
            "kubeconfig", "--kubeconfig",
            "images", "--image",
            "image", "--image",
            "timeout", "--timeout",
            "gracePeriod", "--grace-period")));

    @Parameters(arity = "1..*", paramLabel = "MANIFEST_PATH", description = "a file, a directory or a glob")
    List<String> paths;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "created when missing")
    String namespace;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--kubeconfig", paramLabel = "PATH", description = "a kubeconfig file (its current context)")
        Path kubeconfig;

        @Option(names = "--eks-cluster", paramLabel = "NAME", description = "an EKS cluster (no aws CLI needed)")
        String eksCluster;
    }

    @Option(names = "--image", paramLabel = "NAME=REFERENCE", description = "pin NAME to REFERENCE (with a digest)")
    List<String> images = List.of();

    @Option(names = "--timeout", paramLabel = "DURATION", description = "for all rollouts together: 5m, 90s, 1h")
    String timeout = "5m";

    @Option(
            names = "--rollback-on-failure",
            description = "undo changed workloads (kubectl rollout undo) when a rollout fails")
    boolean rollbackOnFailure;

    @Option(names = "--dry-run", description = "send everything with the server's dryRun=All; change nothing")
    boolean dryRun;

    @Option(
            names = "--grace-period",
            hidden = true,
            paramLabel = "DURATION",
            description = "how long a pod may wait with ImagePullBackOff & co. before the deploy fails (10s)")
    String gracePeriod = "10s";

    @Mixin
    AwsOptions awsOptions;

    @Option(names = "--json", description = "print {cluster, namespace, resources, images, rolledBack} as JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        DeployRequest request = DeployRequest.builder()
                .manifests(paths)
                .namespace(namespace)
                .cluster(target.eksCluster)
                .kubeconfig(target.kubeconfig == null ? null : target.kubeconfig.toString())
                .aws(awsOptions.settings())
                .images(Assignments.images(images))
                .timeout(timeout)
                .gracePeriod(gracePeriod)
                .rollbackOnFailure(rollbackOnFailure)
                .dryRun(dryRun)
                .names(NAMES)
                .build();
        DeployResult result = PartialResults.printedOnFailure(
                json, out, () -> Delivery.deploy(CommandContext.of(EventSink.discard()), request));
        if (json) {
            out.println(Json.write(result.toMap()));
        } else {
            out.println((dryRun ? "dry run: would deploy to " : "deployed to ") + result.cluster() + ", namespace "
                    + result.namespace());
            for (Map<String, Object> resource : result.resources()) {
                out.println("  " + resource.get("kind") + "/" + resource.get("name")
                        + (resource.get("revision") == null ? "" : " revision " + resource.get("revision")));
            }
        }
        out.flush();
    }
}
