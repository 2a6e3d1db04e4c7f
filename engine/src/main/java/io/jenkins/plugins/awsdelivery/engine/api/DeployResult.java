package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.List;
import java.util.Map;

/**
 * {@code cluster, namespace, resources[kind,name,revision], images, rolledBack}; a non-empty {@code rolledBack}
 * belongs to a failed deploy (then this is the partial result of a {@link DeliveryFailedException}).
 */
public final class DeployResult extends Result {
    private static final long serialVersionUID = 1L;

    DeployResult(Map<String, ?> values) {
        super(values);
    }

    public String cluster() {
        return string("cluster");
    }

    public String namespace() {
        return string("namespace");
    }

    public List<Map<String, Object>> resources() {
        return maps("resources");
    }

    public Map<String, String> images() {
        return map("images");
    }

    public List<Map<String, Object>> rolledBack() {
        return maps("rolledBack");
    }
}
