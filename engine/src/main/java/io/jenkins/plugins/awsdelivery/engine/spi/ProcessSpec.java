package io.jenkins.plugins.awsdelivery.engine.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One program run: argument list, working directory, environment additions, optional standard input and timeout.
 * {@link #toString()} shows the command and the names of environment variables, never their values or the input.
 */
public final class ProcessSpec {
    private final List<String> command;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final byte[] standardInput;
    private final Duration timeout;
    private final Consumer<String> outputLines;

    private ProcessSpec(Builder b) {
        this.command = List.copyOf(b.command);
        this.workingDirectory = b.workingDirectory;
        this.environment = Map.copyOf(b.environment);
        this.standardInput = b.standardInput == null ? null : b.standardInput.clone();
        this.timeout = b.timeout;
        this.outputLines = b.outputLines;
    }

    public static Builder builder(String... command) {
        return new Builder().command(Arrays.asList(command));
    }

    public static Builder builder(List<String> command) {
        return new Builder().command(command);
    }

    public List<String> command() {
        return command;
    }

    /** Null means the current directory of the runner. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Added to (and overriding) the runner's own environment. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Null when the program gets no input; a copy otherwise, because it may hold a secret. */
    public byte[] standardInput() {
        return standardInput == null ? null : standardInput.clone();
    }

    /** Null means no timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** Receives stdout and stderr, merged, one line at a time. */
    public Consumer<String> outputLines() {
        return outputLines;
    }

    @Override
    public String toString() {
        return "ProcessSpec{command=" + command + ", env=" + environment.keySet() + ", stdin="
                + (standardInput == null ? "none" : "<" + standardInput.length + " bytes>") + ", timeout=" + timeout
                + "}";
    }

    public static final class Builder {
        private final List<String> command = new ArrayList<>();
        private Path workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private byte[] standardInput;
        private Duration timeout;
        private Consumer<String> outputLines = line -> {};

        private Builder() {}

        public Builder command(List<String> arguments) {
            command.clear();
            arguments.forEach(a -> command.add(Objects.requireNonNull(a, "command argument")));
            return this;
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name), Objects.requireNonNull(value, name));
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            variables.forEach(this::environment);
            return this;
        }

        public Builder standardInput(byte[] input) {
            this.standardInput = input == null ? null : input.clone();
            return this;
        }

        public Builder timeout(Duration limit) {
            this.timeout = limit;
            return this;
        }

        public Builder outputLines(Consumer<String> sink) {
            this.outputLines = Objects.requireNonNull(sink);
            return this;
        }

        public ProcessSpec build() {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("a process needs at least the program to run");
            }
            return new ProcessSpec(this);
        }
    }
}
