package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.cloudformation.StackChange;
import io.jenkins.plugins.awsdelivery.engine.cloudformation.StackDeployFailedException;
import io.jenkins.plugins.awsdelivery.engine.cloudformation.StackDeployRequest;
import io.jenkins.plugins.awsdelivery.engine.cloudformation.StackDeployResult;
import io.jenkins.plugins.awsdelivery.engine.cloudformation.StackDeployer;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delivery cfn-deploy --stack NAME --template FILE [--parameter KEY=VALUE]... [--capability CAP]...
 * [--tag KEY=VALUE]... [--cfn-role-arn ARN] [--region R] [--role-arn ARN] [--endpoint-url URL] [--timeout DURATION]
 * [--no-execute] [--json]}.
 */
@Command(
        name = "cfn-deploy",
        description = {
            "Deploy a CloudFormation stack through a change set: create or update, no changes = success, wait, name the"
                    + " first failed resource; --no-execute only shows the changes."
        })
final class CfnDeployCommand implements Runnable {
    private static final Map<String, String> OPTIONS = Map.of(
            "stack", "--stack",
            "template", "--template",
            "parameters", "--parameter",
            "capabilities", "--capability",
            "tags", "--tag",
            "cfnRoleArn", "--cfn-role-arn",
            "timeout", "--timeout",
            "pollInterval", "--poll-interval");

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = "the stack (created when missing)")
    String stack;

    @Option(names = "--template", required = true, paramLabel = "FILE", description = "the template (JSON or YAML)")
    Path template;

    @Option(names = "--parameter", paramLabel = "KEY=VALUE", description = "a stack parameter (repeatable)")
    List<String> parameters = List.of();

    @Option(
            names = "--capability",
            paramLabel = "CAP",
            description = "CAPABILITY_IAM, CAPABILITY_NAMED_IAM or CAPABILITY_AUTO_EXPAND (repeatable)")
    List<String> capabilities = List.of();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "a stack tag (repeatable)")
    List<String> tags = List.of();

    @Option(names = "--cfn-role-arn", paramLabel = "ARN", description = "the service role CloudFormation acts with")
    String cfnRoleArn;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "for each wait: 30m (default), 90s, 1h")
    String timeout = "30m";

    @Option(names = "--no-execute", description = "create the change set and print it; do not execute it")
    boolean noExecute;

    @Option(
            names = "--poll-interval",
            hidden = true,
            paramLabel = "DURATION",
            description = "time between two looks at the change set or stack (5s)")
    String pollInterval = "5s";

    @Mixin
    AwsOptions awsOptions;

    @Option(
            names = "--json",
            description = "print {stack, stackId, status, changeSetId, changes, outputs} as JSON, also on failure")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            StackDeployRequest request = StackDeployRequest.builder()
                    .stack(stack)
                    .template(OptionValues.readText("--template", template))
                    .parameters(pairs("--parameter", parameters))
                    .capabilities(capabilities)
                    .tags(pairs("--tag", tags))
                    .roleArn(cfnRoleArn)
                    .timeout(DeployCommand.duration("--timeout", timeout))
                    .pollInterval(DeployCommand.duration("--poll-interval", pollInterval))
                    .execute(!noExecute)
                    .build();
            try (AwsConnection aws = awsOptions.connection();
                    StackDeployer deployer = new StackDeployer(aws, EventSink.discard())) {
                print(out, deployer.deploy(request));
            }
        } catch (StackDeployFailedException failure) {
            if (json) {
                out.println(Json.write(failure.result().toMap()));
                out.flush();
            }
            throw failure;
        } catch (InvalidParameterException e) {
            throw OptionValues.rename(e, OPTIONS);
        }
    }

    private void print(PrintWriter out, StackDeployResult result) {
        if (json) {
            out.println(Json.write(result.toMap()));
        } else {
            out.println("stack " + result.stack() + ": " + result.status()
                    + (result.changes().isEmpty() ? " (no changes)" : ""));
            for (StackChange change : result.changes()) {
                out.println("  " + change);
            }
            result.outputs().forEach((key, value) -> out.println("  output " + key + " = " + value));
        }
        out.flush();
    }

    private static Map<String, String> pairs(String option, List<String> assignments) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new InvalidParameterException(option, "\"" + assignment + "\" is not KEY=VALUE");
            }
            if (map.put(assignment.substring(0, eq), assignment.substring(eq + 1)) != null) {
                throw new InvalidParameterException(option, assignment.substring(0, eq) + " is given twice");
            }
        }
        return map;
    }
}
