package io.jenkins.plugins.awsdelivery.engine.api;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.cloudformation.StackDeployFailedException;
import io.jenkins.plugins.awsdelivery.engine.ecr.ScanGateException;
import io.jenkins.plugins.awsdelivery.engine.ecs.EcsDeployFailedException;
import io.jenkins.plugins.awsdelivery.engine.kube.DeployFailedException;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the engine's packages throw into the API's exceptions: parameter names into the front end's, partial
 * results into plain values that survive serialization, aborts into {@link DeliveryAbortedException}. Nothing of the
 * engine's own exception types (or the SDK's) crosses the API, so the front ends and the remoting channel see only
 * these.
 */
final class Failures {
    private Failures() {}

    static <T> T translate(ParameterNames names, Supplier<T> operation) {
        try {
            T result = operation.get();
            if (Thread.currentThread().isInterrupted()) {
                throw new DeliveryAbortedException("aborted");
            }
            return result;
        } catch (DeliveryFailedException | DeliveryAbortedException alreadyTranslated) {
            throw alreadyTranslated;
        } catch (OperationAbortedException aborted) {
            throw new DeliveryAbortedException(aborted.getMessage());
        } catch (io.jenkins.plugins.awsdelivery.engine.InvalidParameterException invalid) {
            throw new InvalidParameterException(names.of(invalid.parameter()), invalid.detail());
        } catch (DeployFailedException failed) {
            throw new DeliveryFailedException(
                    failed.getMessage(),
                    failed.result() == null ? null : failed.result().toMap());
        } catch (EcsDeployFailedException failed) {
            throw new DeliveryFailedException(
                    failed.getMessage(), failed.result().toMap());
        } catch (StackDeployFailedException failed) {
            throw new DeliveryFailedException(
                    failed.getMessage(), failed.result().toMap());
        } catch (ScanGateException refused) {
            throw new DeliveryFailedException(
                    refused.getMessage(),
                    refused.report() == null ? null : refused.report().toMap());
        } catch (DeliveryException failed) {
            throw new DeliveryFailedException(failed.getMessage());
        } catch (SdkException aws) {
            if (Thread.currentThread().isInterrupted() || aws.getCause() instanceof InterruptedException) {
                throw new DeliveryAbortedException("aborted during an AWS call");
            }
            throw new DeliveryFailedException("AWS call failed: "
                    + SecretMasker.patternsOnly().mask(firstLine(aws.getMessage()))
                    + "; check the credentials, the region and the role's permissions");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
