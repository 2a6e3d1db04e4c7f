package io.jenkins.plugins.awsdelivery.engine.cloudformation;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One resource change of a change set, as an approver reads it: the action ({@code Add}, {@code Modify},
 * {@code Remove}, {@code Import}, {@code Dynamic}), the logical id, the resource type, and whether the resource is
 * replaced ({@code True}, {@code False}, {@code Conditional}; null for an Add or a Remove).
 */
public final class StackChange implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String action;
    private final String logicalId;
    private final String type;
    private final String replacement;

    public StackChange(String action, String logicalId, String type, String replacement) {
        this.action = Objects.requireNonNull(action);
        this.logicalId = Objects.requireNonNull(logicalId);
        this.type = type;
        this.replacement = replacement;
    }

    public String action() {
        return action;
    }

    public String logicalId() {
        return logicalId;
    }

    public String type() {
        return type;
    }

    public String replacement() {
        return replacement;
    }

    /** {@code action, logicalId, type, replacement}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", action);
        map.put("logicalId", logicalId);
        map.put("type", type);
        map.put("replacement", replacement);
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StackChange that && toMap().equals(that.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return action + " " + logicalId + " (" + type + (replacement == null ? "" : ", replacement " + replacement)
                + ")";
    }
}
