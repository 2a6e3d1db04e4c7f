package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.kube.AppliedResource;
import io.jenkins.plugins.awsdelivery.engine.kube.ClusterConnection;
import io.jenkins.plugins.awsdelivery.engine.kube.DeployFailedException;
import io.jenkins.plugins.awsdelivery.engine.kube.DeployRequest;
import io.jenkins.plugins.awsdelivery.engine.kube.DeployResult;
import io.jenkins.plugins.awsdelivery.engine.kube.Deployer;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ImagePins;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        name = "deploy",
        description = {
            "Server-side apply manifests to a namespace and wait until every Deployment, StatefulSet and DaemonSet"
                    + " rolled out; fail fast on ImagePullBackOff, CrashLoopBackOff and the like."
        })
final class DeployCommand implements Runnable {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

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

    private AwsConnection aws;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            DeployRequest request = DeployRequest.builder()
                    .connection(connection())
                    .namespace(namespace)
                    .manifests(paths)
                    .baseDirectory(Path.of(""))
                    .images(ImagePins.parse(images))
                    .timeout(duration("--timeout", timeout))
                    .gracePeriod(duration("--grace-period", gracePeriod))
                    .rollbackOnFailure(rollbackOnFailure)
                    .dryRun(dryRun)
                    .build();
            print(out, new Deployer(EventSink.discard()).deploy(request));
        } catch (DeployFailedException failure) {
            if (json) {
                out.println(Json.write(failure.result().toMap()));
                out.flush();
            }
            throw failure;
        } finally {
            if (aws != null) {
                aws.close();
            }
        }
    }

    private ClusterConnection connection() {
        if (target.kubeconfig != null) {
            if (awsOptions.region() != null || awsOptions.roleArn() != null) {
                throw new InvalidParameterException(
                        "--region", "--region and --role-arn go with --eks-cluster only, not with --kubeconfig");
            }
            return ClusterConnection.kubeconfig(target.kubeconfig);
        }
        aws = awsOptions.connection();
        return ClusterConnection.eks(target.eksCluster, aws);
    }

    private void print(PrintWriter out, DeployResult result) {
        if (json) {
            out.println(Json.write(result.toMap()));
        } else {
            out.println((result.dryRun() ? "dry run: would deploy to " : "deployed to ") + result.cluster()
                    + ", namespace " + result.namespace());
            for (AppliedResource resource : result.resources()) {
                out.println("  " + resource.kind() + "/" + resource.name()
                        + (resource.revision() == null ? "" : " revision " + resource.revision()));
            }
        }
        out.flush();
    }

    /** {@code 90s}, {@code 5m}, {@code 1h30m}, a number of seconds, or ISO-8601 ({@code PT5M}). */
    static Duration duration(String parameter, String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (value.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            if (value.startsWith("pt")) {
                return Duration.parse(value);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidParameterException(parameter, "\"" + text + "\" is not a duration such as 90s, 5m or 1h");
        }
        Matcher matcher = DURATION.matcher(value);
        if (value.isEmpty() || !matcher.matches()) {
            throw new InvalidParameterException(parameter, "\"" + text + "\" is not a duration such as 90s, 5m or 1h");
        }
        Duration duration = Duration.ZERO;
        if (matcher.group(1) != null) {
            duration = duration.plusHours(Long.parseLong(matcher.group(1)));
        }
        if (matcher.group(2) != null) {
            duration = duration.plusMinutes(Long.parseLong(matcher.group(2)));
        }
        if (matcher.group(3) != null) {
            duration = duration.plusSeconds(Long.parseLong(matcher.group(3)));
        }
        return duration;
    }
}
