package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.EcsDeployRequest;
import io.jenkins.plugins.awsdelivery.engine.api.EcsDeployResult;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delivery ecs-deploy --cluster NAME --service NAME --image CONTAINER=REFERENCE... [--task-definition FILE]
 * [--region R] [--role-arn ARN] [--endpoint-url URL] [--timeout DURATION] [--rollback-on-failure] [--json]}.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "ecs-deploy",
        description = {
            "Register a new task definition revision with the containers pinned to digests, update the ECS service and"
                    + " wait until every running task of it reports the pinned digests; a rollout the circuit breaker"
                    + " failed is a failure."
        })
final class EcsDeployCommand implements Runnable {

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "the ECS cluster (name or ARN)")
    String cluster;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "the ECS service (name or ARN)")
    String service;

    @Option(
            names = "--image",
            required = true,
            paramLabel = "CONTAINER=REFERENCE",
            description = "pin this container of the task definition to REFERENCE, which must carry a digest")
    List<String> images;

    @Option(
            names = "--task-definition",
            paramLabel = "FILE",
            description = "start from this task definition (register-task-definition --cli-input-json shape) instead"
                    + " of the service's current one")
    Path taskDefinition;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "for the rollout: 15m (default), 90s, 1h")
    String timeout = "15m";

    @Option(
            names = "--rollback-on-failure",
            description = "when the rollout fails, update the service back to its previous task definition and wait")
    boolean rollbackOnFailure;

    @Option(
            names = "--poll-interval",
            hidden = true,
            paramLabel = "DURATION",
            description = "time between two looks at the service (6s)")
    String pollInterval = "6s";

    @Mixin
    AwsOptions awsOptions;

    @Option(
            names = "--json",
            description = "print {cluster, service, taskDefinitionArn, previousTaskDefinitionArn, deploymentId,"
                    + " rolloutState, images, rolledBack} as JSON, also on failure")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        EcsDeployRequest request = EcsDeployRequest.builder()
                .cluster(cluster)
                .service(service)
                .images(Assignments.images(images))
                .taskDefinition(taskDefinition == null ? null : taskDefinition.toString())
                .aws(awsOptions.settings())
                .timeout(timeout)
                .pollInterval(pollInterval)
                .rollbackOnFailure(rollbackOnFailure)
                .names(NAMES)
                .build();
        Warnings warnings = new Warnings();
        EcsDeployResult result = PartialResults.printedOnFailure(
                json, out, () -> Delivery.ecsDeploy(CommandContext.of(warnings), request));
        warnings.print(spec.commandLine().getErr());
        if (json) {
            out.println(Json.write(result.toMap()));
        } else {
            out.println("deployed " + result.taskDefinitionArn() + " to service " + result.service() + " in "
                    + result.cluster() + " (deployment " + result.deploymentId() + ")");
        }
        out.flush();
    }

    private static final ParameterNames NAMES = ParameterNames.of(AwsOptions.namesWith(Map.of(
            "images", "--image",
            "image", "--image",
            "taskDefinition", "--task-definition",
            "timeout", "--timeout",
            "pollInterval", "--poll-interval",
            "cluster", "--cluster",
            "service", "--service")));

    /** Warnings (such as drift from a CloudFormation stack) shown on stderr after a success only. */
    private static final class Warnings implements EventSink {
        private final List<String> lines = new ArrayList<>();

        @Override
        public void info(String message) {}

        @Override
        public synchronized void warn(String message) {
            lines.add(message);
        }

        synchronized void print(PrintWriter err) {
            lines.forEach(line -> err.println("warning: " + line));
            err.flush();
        }
    }
}
