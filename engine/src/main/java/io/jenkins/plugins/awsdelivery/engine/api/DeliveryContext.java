package io.jenkins.plugins.awsdelivery.engine.api;

import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import io.jenkins.plugins.awsdelivery.engine.spi.ProcessRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Where and for whom an operation runs: the build's environment variables (AWS credentials and region, KUBECONFIG,
 * DOCKER_HOST, DOCKER_CONFIG, HOME, PATH — never the JVM's own, which in a Jenkins agent belongs to no build), the
 * working directory that relative paths start from (the workspace), where progress goes, the clock, and what runs
 * programs. Built where the operation runs (on the agent); not serializable.
 */
public final class DeliveryContext {
    private final EventSink events;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Clock clock;
    private final ProcessRunner processes;

    private DeliveryContext(Builder b) {
        this.events = b.events;
        this.environment = Map.copyOf(b.environment);
        this.workingDirectory = b.workingDirectory.toAbsolutePath().normalize();
        this.clock = b.clock;
        this.processes = b.processes != null ? b.processes : new LocalProcessRunner(environment);
    }

    public static Builder builder() {
        return new Builder();
    }

    public EventSink events() {
        return events;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public Clock clock() {
        return clock;
    }

    public ProcessRunner processes() {
        return processes;
    }

    /** A path the user gave, relative to the working directory unless absolute. */
    Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }

    public static final class Builder {
        private EventSink events = EventSink.discard();
        private Map<String, String> environment = Map.of();
        private Path workingDirectory = Path.of("");
        private Clock clock = Clock.systemUTC();
        private ProcessRunner processes;

        private Builder() {}

        public Builder events(EventSink events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /** The build's environment; programs the operation starts get exactly this (plus their own additions). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** By default a {@link LocalProcessRunner} over {@link #environment(Map)}. */
        public Builder processes(ProcessRunner processes) {
            this.processes = Objects.requireNonNull(processes, "processes");
            return this;
        }

        public DeliveryContext build() {
            return new DeliveryContext(this);
        }
    }
}
