package io.jenkins.plugins.awsdelivery.engine.spi;

import java.time.Duration;

/** How a program run ended. {@code timedOut} runs were killed, with every process they started. */
public record ProcessResult(int exitCode, boolean timedOut, Duration duration) {
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
