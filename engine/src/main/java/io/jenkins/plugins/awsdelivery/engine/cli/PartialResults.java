package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.DeliveryFailedException;
import io.jenkins.plugins.awsdelivery.engine.api.Result;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * For the commands whose {@code --json} is printed "also on failure" (deploy, ecs-deploy, cfn-deploy): the result the
 * operation reached before it failed goes to stdout, then the failure goes on to the one-line error.
 */
final class PartialResults {
    private PartialResults() {}

    static <R extends Result> R printedOnFailure(boolean json, PrintWriter out, Supplier<R> operation) {
        try {
            return operation.get();
        } catch (DeliveryFailedException failure) {
            if (json && failure.hasPartialResult()) {
                out.println(Json.write(failure.partialResult()));
                out.flush();
            }
            throw failure;
        }
    }
}
