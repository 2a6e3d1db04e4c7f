package io.jenkins.plugins.awsdelivery.engine.kube;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/** Why a client could not reach an API server, in a few words, from the cause chain of the failure. */
final class Unreachable {
    private Unreachable() {}

    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + t.getMessage();
            }
            if (t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException
                    || (t instanceof InterruptedIOException && "timeout".equals(t.getMessage()))) {
                return "timed out";
            }
        }
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.toString();
    }
}
