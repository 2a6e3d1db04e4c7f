package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsCall;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** An ECR call failed; the message names the operation, the repository and what to do. */
public class EcrException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    public EcrException(String message) {
        super(message);
    }

    public EcrException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Wraps an SDK failure: {@code "<what>: <AWS error code>: <AWS message>; <hint>"}. AWS error messages carry ARNs
     * and names; an endpoint that echoes request headers could put credentials there, so the detail is masked.
     *
     * @throws io.jenkins.plugins.awsdelivery.engine.OperationAbortedException when the call was interrupted
     */
    static EcrException of(String what, SdkException e) {
        // An aborted build interrupts the call: that is an abort, never an ECR failure.
        AwsCall.throwIfAborted(what.replaceFirst(" failed$", ""), e);
        String detail;
        String hint;
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            detail = code + ": " + service.awsErrorDetails().errorMessage();
            hint = switch (code == null ? "" : code) {
                case "AccessDeniedException", "AccessDenied" -> "; grant the identity the ECR permission named above";
                case "ExpiredTokenException", "ExpiredToken" -> "; the AWS session expired, renew the credentials";
                case "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch" ->
                    "; the" + " AWS credentials are not valid for this account or region";
                default -> "";
            };
        } else {
            detail = e.getMessage();
            hint = "";
        }
        // An endpoint may echo the request's headers (signature, session token) into its message.
        return new EcrException(what + ": " + SecretMasker.patternsOnly().mask(detail) + hint, e);
    }
}
