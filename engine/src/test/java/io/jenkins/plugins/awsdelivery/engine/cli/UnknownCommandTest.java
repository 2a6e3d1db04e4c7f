package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delivery nosuch ...}: an unknown command is an error, with or without {@code --help}. */
class UnknownCommandTest {
    private static final String COMMANDS =
            "help, ref, promote, junit, push, render, deploy, eks-token, ecs-deploy, cfn-deploy";

    @TempDir
    Path scratch;

    @Test
    void unknownCommandWithHelp_exitsNonZeroNamingItAndListingTheCommands() throws Exception {
        CliProcess.Run run = CliProcess.run(scratch, Map.of(), "nosuch", "--help");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("unknown command \"nosuch\"").contains(COMMANDS);
    }

    @Test
    void noCommand_exitsWithUsageErrorListingTheCommandsOnce() throws Exception {
        CliProcess.Run run = CliProcess.run(scratch, Map.of());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.stderr().strip()).isEqualTo("delivery: name a command: " + COMMANDS + " (see 'delivery help')");
    }

    @Test
    void unknownCommand_exitsNonZeroNamingItAndListingTheCommands() throws Exception {
        CliProcess.Run run = CliProcess.run(scratch, Map.of(), "nosuch");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr())
                .contains("unknown command \"nosuch\"")
                .contains(COMMANDS)
                .doesNotContain("Unmatched argument");
    }

    @Test
    void helpOfAKnownCommand_stillPrintsItsHelpAndExitsZero() throws Exception {
        CliProcess.Run run = CliProcess.run(scratch, Map.of(), "help", "ecs-deploy");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("--cluster").contains("--rollback-on-failure");
    }
}
