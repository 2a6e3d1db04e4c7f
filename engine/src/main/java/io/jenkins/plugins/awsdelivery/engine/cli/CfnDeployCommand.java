package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.CfnDeployRequest;
import io.jenkins.plugins.awsdelivery.engine.api.CfnDeployResult;
import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        mixinStandardHelpOptions = true,
        name = "cfn-deploy",
        description = {
            "Deploy a CloudFormation stack through a change set: create or update, no changes = success, wait, name the"
                    + " first failed resource; --no-execute only shows the changes."
        })
final class CfnDeployCommand implements Runnable {
    private static final ParameterNames NAMES = ParameterNames.of(AwsOptions.namesWith(Map.of(
            "stack", "--stack",
            "template", "--template",
            "parameters", "--parameter",
            "capabilities", "--capability",
            "tags", "--tag",
            "cfnRoleArn", "--cfn-role-arn",
            "timeout", "--timeout",
            "pollInterval", "--poll-interval")));

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
        CfnDeployRequest request = CfnDeployRequest.builder()
                .stack(stack)
                .template(template.toString())
                .parameters(Assignments.parse("--parameter", parameters, "KEY=VALUE", true))
                .capabilities(capabilities)
                .tags(Assignments.parse("--tag", tags, "KEY=VALUE", true))
                .cfnRoleArn(cfnRoleArn)
                .aws(awsOptions.settings())
                .timeout(timeout)
                .pollInterval(pollInterval)
                .execute(!noExecute)
                .names(NAMES)
                .build();
        CfnDeployResult result = PartialResults.printedOnFailure(
                json, out, () -> Delivery.cfnDeploy(CommandContext.of(EventSink.discard()), request));
        if (json) {
            out.println(Json.write(result.toMap()));
        } else {
            out.println("stack " + result.stack() + ": " + result.status()
                    + (result.changes().isEmpty() ? " (no changes)" : ""));
            for (Map<String, Object> change : result.changes()) {
                out.println("  " + change.get("action") + " " + change.get("logicalId") + " (" + change.get("type")
                        + (change.get("replacement") == null ? "" : ", replacement " + change.get("replacement"))
                        + ")");
            }
            result.outputs().forEach((key, value) -> out.println("  output " + key + " = " + value));
        }
        out.flush();
    }
}
