package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run builds the picocli model of the command it names only (start-up of a short-lived JVM), and every command
 * when it names none, {@code help} or an unknown one, which list them.
 */
class DeliveryCommandTest {
    private static final String[] COMMANDS = {
        "help", "ref", "promote", "junit", "push", "render", "deploy", "eks-token", "ecs-deploy", "cfn-deploy"
    };

    @Test
    void commandLine_whenArgsNameACommand_registersOnlyThatCommand() {
        var commandLine = DeliveryCommand.commandLine(new String[] {"promote", "--json", "a/b:1", "c/d:1"});

        assertThat(commandLine.getSubcommands()).containsOnlyKeys("promote");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "help", "--help", "--version", "nosuch"})
    void commandLine_whenArgsNameNoKnownCommandOrHelp_registersEveryCommand(String args) {
        var commandLine = DeliveryCommand.commandLine(args.isEmpty() ? new String[0] : args.split(" "));

        assertThat(commandLine.getSubcommands().keySet()).containsExactly(COMMANDS);
    }

    @Test
    void help_listsEveryCommand() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit =
                DeliveryCommand.execute(new String[] {"help"}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as(err.toString()).isZero();
        for (String command : COMMANDS) {
            assertThat(out.toString()).containsPattern("(?m)^  " + command + " ");
        }
    }
}
