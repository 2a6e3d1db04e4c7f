package io.jenkins.plugins.awsdelivery.engine.aws;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One AWS SDK call of an operation, with its errors translated: an AWS error becomes a {@link DeliveryException} that
 * says which call on which object failed, with AWS's own code and message (credential-looking values masked) and a
 * hint for that code; an interrupted thread becomes an {@link OperationAbortedException} (interrupt flag kept).
 */
public final class AwsCall {
    /** An endpoint may echo the request's headers (signature, session token) into its error message. */
    private static final SecretMasker MASKER = SecretMasker.patternsOnly();

    private AwsCall() {}

    /**
     * @param what the call and its object, e.g. {@code "ECS UpdateService for service web in cluster shop"}
     * @param hint AWS error code → advice appended to the message (empty string for none)
     */
    public static <T> T call(String what, Supplier<T> call, Function<String, String> hint) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            throw new DeliveryException(
                    what + " failed: " + (code == null ? "" : code + ": ") + MASKER.mask(message) + hint.apply(code),
                    e);
        } catch (SdkException e) {
            throwIfAborted(what, e);
            throw new DeliveryException(what + " failed: " + MASKER.mask(e.getMessage()), e);
        }
    }

    /**
     * For the callers that translate an SDK failure themselves: throws {@link OperationAbortedException} when the
     * failure is an interrupt of this thread, and returns otherwise. The SDK clears the interrupt flag before it
     * throws {@link AbortedException}, so that one sets it again.
     *
     * @param what the operation and its object, for the abort message
     */
    public static void throwIfAborted(String what, SdkException failure) {
        if (failure instanceof AbortedException) {
            Thread.currentThread().interrupt();
            throw new OperationAbortedException(what, failure);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new OperationAbortedException(what, failure);
        }
    }
}
