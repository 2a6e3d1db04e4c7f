package io.jenkins.plugins.awsdelivery.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Ends a JDK HTTP client's threads when its owner is done with it. A client keeps a selector thread and worker
 * threads; in a Jenkins agent JVM, which lives for weeks, they must not outlive the step. Java 21 gave the client
 * {@code shutdownNow()} and {@code awaitTermination(Duration)}; this class calls them where they exist (the engine is
 * built for Java 17). On Java 17 there is nothing to call: the selector thread ends once the client is garbage
 * collected, and idle workers after a minute.
 */
public final class JdkHttpClients {
    private static final Duration TERMINATION_WAIT = Duration.ofSeconds(5);
    private static final Method SHUTDOWN_NOW = method("shutdownNow");
    private static final Method AWAIT_TERMINATION = method("awaitTermination", Duration.class);

    private JdkHttpClients() {}

    /** Cancels what the client still has in flight and waits up to 5 s for its threads to end (Java 21 and later). */
    public static void shutDown(HttpClient client) {
        if (client == null || SHUTDOWN_NOW == null || AWAIT_TERMINATION == null) {
            return;
        }
        try {
            SHUTDOWN_NOW.invoke(client);
            AWAIT_TERMINATION.invoke(client, TERMINATION_WAIT);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } catch (IllegalAccessException e) {
            // A public method of a public class; nothing else to try.
        }
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return HttpClient.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
