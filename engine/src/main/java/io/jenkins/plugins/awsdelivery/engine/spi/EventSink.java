package io.jenkins.plugins.awsdelivery.engine.spi;

/**
 * Where the engine reports progress and log lines: the Jenkins console in the plugin, stderr in the CLI. The engine
 * never writes to {@code System.out}; the caller masks secrets before lines reach a person.
 */
public interface EventSink {
    void info(String message);

    void warn(String message);

    /** Details a person needs only when something goes wrong. */
    default void debug(String message) {}

    static EventSink discard() {
        return new EventSink() {
            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}
        };
    }
}
