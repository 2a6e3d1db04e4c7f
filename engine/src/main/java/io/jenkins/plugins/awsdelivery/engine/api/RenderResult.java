package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.Map;

/** The rendered manifests: {@code yaml}, every document in order, separated by {@code ---} lines. */
public final class RenderResult extends Result {
    private static final long serialVersionUID = 1L;

    RenderResult(Map<String, ?> values) {
        super(values);
    }

    /** Multi-document YAML, each document ending with a newline. */
    public String yaml() {
        return string("yaml");
    }
}
