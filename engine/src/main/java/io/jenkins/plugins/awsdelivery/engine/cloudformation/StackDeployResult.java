package io.jenkins.plugins.awsdelivery.engine.cloudformation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a stack deploy did: the stack and its id, the status it reached, the change set (null when it held no changes
 * and was deleted), the resource changes, and the stack's outputs. Immutable and serializable.
 */
public final class StackDeployResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String stack;
    private final String stackId;
    private final String status;
    private final String changeSetId;
    private final List<StackChange> changes;
    private final Map<String, String> outputs;

    StackDeployResult(
            String stack,
            String stackId,
            String status,
            String changeSetId,
            List<StackChange> changes,
            Map<String, String> outputs) {
        this.stack = Objects.requireNonNull(stack);
        this.stackId = stackId;
        this.status = status;
        this.changeSetId = changeSetId;
        this.changes = Collections.unmodifiableList(new ArrayList<>(changes));
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public String stack() {
        return stack;
    }

    public String stackId() {
        return stackId;
    }

    /** The stack status reached, e.g. {@code UPDATE_COMPLETE}, {@code UPDATE_ROLLBACK_COMPLETE}. */
    public String status() {
        return status;
    }

    /** The change set's ARN; null when it held no changes (it was deleted) or was never created. */
    public String changeSetId() {
        return changeSetId;
    }

    public List<StackChange> changes() {
        return changes;
    }

    /** Output key → value, as the stack reports them after the deploy. */
    public Map<String, String> outputs() {
        return outputs;
    }

    StackDeployResult withStatus(String newStatus, Map<String, String> newOutputs) {
        return new StackDeployResult(stack, stackId, newStatus, changeSetId, changes, newOutputs);
    }

    /** {@code stack, stackId, status, changeSetId, changes[action,logicalId,type,replacement], outputs}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("stack", stack);
        map.put("stackId", stackId);
        map.put("status", status);
        map.put("changeSetId", changeSetId);
        map.put("changes", changes.stream().map(StackChange::toMap).toList());
        map.put("outputs", new LinkedHashMap<>(outputs));
        return map;
    }

    @Override
    public String toString() {
        return "StackDeployResult" + toMap();
    }
}
