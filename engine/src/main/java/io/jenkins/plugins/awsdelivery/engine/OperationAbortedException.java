package io.jenkins.plugins.awsdelivery.engine;

/**
 * The caller interrupted an operation (a Jenkins build was aborted, the CLI got Ctrl-C): it stopped, cleaned up what it
 * had started (processes killed, upload sessions cancelled, watches closed) and gives up. It is deliberately not a
 * {@link DeliveryException}, so a caller that reports failures never mistakes an abort for one. Whoever throws it keeps
 * (or restores) the thread's interrupt flag.
 */
public class OperationAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param what the operation and the point it reached, e.g. {@code "push of team/app: docker build"} */
    public OperationAbortedException(String what) {
        super(what + ": aborted");
    }

    public OperationAbortedException(String what, Throwable cause) {
        super(what + ": aborted", cause);
    }
}
