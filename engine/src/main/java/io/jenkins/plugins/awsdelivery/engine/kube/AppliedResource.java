package io.jenkins.plugins.awsdelivery.engine.kube;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An object the deploy applied: its kind, name and, for a workload that rolled out, its revision (else null). */
public record AppliedResource(String kind, String name, String revision) {
    public AppliedResource {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind);
        map.put("name", name);
        map.put("revision", revision);
        return map;
    }
}
