package io.jenkins.plugins.awsdelivery.engine.selenium;

import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event sink that keeps every line, as the build console would show them, and the warnings apart. */
final class RecordingSink implements EventSink {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add(message);
        warnings.add(message);
    }

    /** Info and warning lines in order; safe to read while a run is writing. */
    List<String> lines() {
        return lines;
    }

    List<String> warnings() {
        return warnings;
    }
}
