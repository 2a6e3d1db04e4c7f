package io.jenkins.plugins.awsdelivery.engine.spi;

import java.io.IOException;

/**
 * Runs an external program (docker, a test suite) from an argument list, never a shell string. The plugin runs it
 * on the agent; the CLI and tests use {@link LocalProcessRunner}.
 */
public interface ProcessRunner {
    ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException;
}
