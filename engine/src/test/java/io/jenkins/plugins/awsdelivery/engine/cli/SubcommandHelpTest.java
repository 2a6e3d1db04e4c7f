package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code delivery COMMAND --help} prints the command's usage and exits 0, as {@code delivery help COMMAND} does. */
class SubcommandHelpTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"ref", "promote", "junit", "push", "render", "deploy", "eks-token", "ecs-deploy", "cfn-deploy"})
    void help_printsTheCommandsUsageWithoutAskingForItsRequiredOptions(String command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = DeliveryCommand.execute(
                new String[] {command, "--help"}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: delivery " + command);
        assertThat(err.toString()).isEmpty();
    }
}
