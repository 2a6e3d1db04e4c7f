package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.List;
import java.util.Map;

/**
 * {@code stack, stackId, status, changeSetId, changes[action, logicalId, type, replacement], outputs}; {@code changes}
 * is empty when the change set had none.
 */
public final class CfnDeployResult extends Result {
    private static final long serialVersionUID = 1L;

    CfnDeployResult(Map<String, ?> values) {
        super(values);
    }

    public String stack() {
        return string("stack");
    }

    public String stackId() {
        return string("stackId");
    }

    /** The stack status reached, e.g. {@code UPDATE_COMPLETE}; the change set's when it was not executed. */
    public String status() {
        return string("status");
    }

    public String changeSetId() {
        return string("changeSetId");
    }

    /** Each change as {@code action, logicalId, type, replacement}. */
    public List<Map<String, Object>> changes() {
        return maps("changes");
    }

    public Map<String, String> outputs() {
        Map<String, String> outputs = map("outputs");
        return outputs == null ? Map.of() : outputs;
    }
}
