package io.jenkins.plugins.awsdelivery;

import hudson.model.Cause;
import hudson.model.Run;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalEntry;
import io.jenkins.plugins.awsdelivery.engine.record.RecordEntry;
import io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputSubmittedAction;

/**
 * The facts of Jenkins's own {@code input} step, for the engine's approval policy: who approved which input, when, with
 * which parameters, and who started the build. No decision is taken here.
 */
final class InputApprovals {
    private InputApprovals() {}

    /**
     * Every approved {@code input} of the running build: approver and parameters from {@link InputSubmittedAction}, id
     * and message from the step's arguments, the time from the end of its pause (Jenkins records no approval time).
     */
    static List<ApprovalEntry> of(FlowExecution execution) {
        List<ApprovalEntry> approvals = new ArrayList<>();
        for (FlowNode node : new DepthFirstScanner()
                .filteredNodes(execution.getCurrentHeads(), new NodeStepTypePredicate("input"))) {
            InputSubmittedAction submitted = node.getPersistentAction(InputSubmittedAction.class);
            if (submitted == null) {
                continue; // pending or aborted
            }
            long end = 0;
            for (PauseAction pause : PauseAction.getPauseActions(node)) {
                end = Math.max(end, pause.getEndTime());
            }
            if (end <= 0) {
                continue;
            }
            Map<String, Object> arguments = ArgumentsAction.getArguments(node);
            Map<String, String> parameters = new LinkedHashMap<>();
            submitted.getParameters().forEach((name, value) -> {
                // Password and credentials parameters are not plain values; only plain values are recorded.
                if (value instanceof String || value instanceof Boolean || value instanceof Number) {
                    parameters.put(name, value.toString());
                }
            });
            approvals.add(ApprovalEntry.builder()
                    .time(Instant.ofEpochMilli(end))
                    .inputId(string(arguments.get("id")))
                    .message(string(arguments.get("message")))
                    .approver(submitted.getApprover())
                    .parameters(parameters)
                    .build());
        }
        approvals.sort((a, b) -> a.time().compareTo(b.time()));
        return approvals;
    }

    /** Adds to the build's record the approvals it does not hold yet. */
    static ReleaseRecord recordIn(Run<?, ?> run, FlowExecution execution) throws java.io.IOException {
        List<RecordEntry> known = ReleaseRecordAction.of(run).entries();
        for (ApprovalEntry approval : of(execution)) {
            if (!known.contains(approval)) {
                ReleaseRecordAction.append(run, approval);
            }
        }
        return ReleaseRecordAction.of(run);
    }

    /** The user who started the build, or null (a timer, an SCM change, an upstream build). */
    static String startedBy(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause == null ? null : cause.getUserId();
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
