package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The context every command hands the API: this process's environment (with the AWS SDK's credential system
 * properties), the current directory for relative paths, and progress on stderr only with {@code --verbose}.
 */
final class CommandContext {
    private CommandContext() {}

    static DeliveryContext of(CommandSpec spec, boolean verbose) {
        return of(verbose ? new StderrEvents(spec.commandLine().getErr()) : EventSink.discard());
    }

    static DeliveryContext of(EventSink events) {
        return DeliveryContext.builder()
                .environment(ProcessEnvironment.get())
                .workingDirectory(Path.of(""))
                .events(events)
                .build();
    }
}
