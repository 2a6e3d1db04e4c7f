package io.jenkins.plugins.awsdelivery;

import hudson.model.TaskListener;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import java.io.PrintStream;

/** The engine's progress on the build console, every line masked for the secrets of the call. */
final class ConsoleEvents implements EventSink {
    private final PrintStream console;
    private final SecretMasker masker;

    ConsoleEvents(TaskListener listener, SecretMasker masker) {
        this.console = listener.getLogger();
        this.masker = masker;
    }

    @Override
    public void info(String message) {
        console.println(masker.mask(message));
    }

    @Override
    public void warn(String message) {
        console.println("WARNING: " + masker.mask(message));
    }
}
