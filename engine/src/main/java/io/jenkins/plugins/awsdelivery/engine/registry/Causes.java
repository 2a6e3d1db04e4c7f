package io.jenkins.plugins.awsdelivery.engine.registry;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/** Reading a network failure for a message: what happened, in words a user can act on. */
final class Causes {
    private Causes() {}

    /** A short description: the failure's type and message, or its cause's when it has none of its own. */
    static String describe(Throwable e) {
        if (e instanceof ConnectException) {
            return "connection refused or timed out (ConnectException)";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response in time (" + e.getMessage() + ")";
        }
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return describe(cause);
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
