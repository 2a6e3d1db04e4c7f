package io.jenkins.plugins.awsdelivery.engine.cli;

import java.util.Arrays;

/**
 * Ends the selector threads of the JDK HTTP clients of this JVM, just before {@code main} exits it.
 *
 * <p>The JVM's exit waits up to 0.3 s for every thread that is in native code, and an idle {@link
 * java.net.http.HttpClient}'s selector thread sits in {@code epoll_wait} until its client is garbage: a third of a
 * re-promotion's wall time (docs/benchmarks.md, "CLI start-up levers"). Java 17's client has no {@code close()}
 * (Java 21's has); its selector thread, named {@code HttpClient-N-SelectorManager} since Java 11, closes the client and
 * ends when interrupted. Nothing may use a client afterwards, hence only at exit.
 */
final class HttpClientSelectors {
    private HttpClientSelectors() {}

    /** Interrupts every live {@code HttpClient-N-SelectorManager} thread; returns them, for tests. */
    static Thread[] interruptAll() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        Thread[] selectors = Arrays.stream(threads, 0, count)
                .filter(thread -> thread.getName().matches("HttpClient-\\d+-SelectorManager"))
                .toArray(Thread[]::new);
        for (Thread selector : selectors) {
            selector.interrupt();
        }
        return selectors;
    }
}
