package io.jenkins.plugins.awsdelivery.engine.cloudformation;

import java.util.Optional;
import java.util.Set;

/** What a stack status means for a deploy: can it take a change set, is an operation over, did it succeed. */
final class StackStatuses {
    private static final Set<String> UPDATABLE = Set.of(
            "CREATE_COMPLETE",
            "UPDATE_COMPLETE",
            "UPDATE_ROLLBACK_COMPLETE",
            "IMPORT_COMPLETE",
            "IMPORT_ROLLBACK_COMPLETE");
    private static final Set<String> SUCCEEDED = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");

    private StackStatuses() {}

    /** A stack created by a change set that was never executed: it takes a CREATE change set again. */
    static boolean awaitsCreation(String status) {
        return "REVIEW_IN_PROGRESS".equals(status);
    }

    /**
     * Why a stack in {@code status} cannot take a change set, and what to do; empty when it can.
     */
    static Optional<String> refusal(String stack, String status) {
        if (UPDATABLE.contains(status) || awaitsCreation(status)) {
            return Optional.empty();
        }
        String advice;
        if ("UPDATE_ROLLBACK_FAILED".equals(status)) {
            advice = "continue the rollback first (aws cloudformation continue-update-rollback --stack-name " + stack
                    + ", skipping the resources that cannot roll back), then deploy again";
        } else if ("ROLLBACK_COMPLETE".equals(status) || "ROLLBACK_FAILED".equals(status)) {
            advice = "its creation failed and it cannot be updated; delete it (aws cloudformation delete-stack"
                    + " --stack-name " + stack + ") and deploy again";
        } else if (status.endsWith("_IN_PROGRESS")) {
            advice = "another operation is in progress; wait until it finishes, then deploy again";
        } else if (status.startsWith("DELETE_")) {
            advice = "it is being or was deleted; finish or retry the deletion, then deploy again";
        } else {
            advice = "fix the stack in the CloudFormation console, then deploy again";
        }
        return Optional.of("stack " + stack + " is " + status + ": " + advice);
    }

    static boolean inProgress(String status) {
        return status.endsWith("_IN_PROGRESS");
    }

    static boolean succeeded(String status) {
        return SUCCEEDED.contains(status);
    }
}
