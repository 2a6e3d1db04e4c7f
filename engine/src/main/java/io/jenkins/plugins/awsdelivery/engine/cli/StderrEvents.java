package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.PrintWriter;

/**
 * The CLI's event sink for {@code --verbose}: progress on stderr, so that stdout stays a result for scripts. The
 * commands hand it their {@code getErr()} writer, which {@link DeliveryCommand#execute} made a
 * {@link io.jenkins.plugins.awsdelivery.engine.spi.SecretMaskingWriter}: every event is masked before it is printed.
 */
final class StderrEvents implements EventSink {
    private final PrintWriter err;

    StderrEvents(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void info(String message) {
        err.println(message);
        err.flush();
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + message);
        err.flush();
    }
}
