package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every line the engine reports, for assertions on progress and on what must never be logged. */
public final class RecordingEventSink implements EventSink {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }
}
