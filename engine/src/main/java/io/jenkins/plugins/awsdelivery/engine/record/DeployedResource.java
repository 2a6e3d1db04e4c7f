package io.jenkins.plugins.awsdelivery.engine.record;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An object a deployment changed: its kind and name and, for a workload that rolled out, its revision (a Kubernetes
 * rollout revision, an ECS task-definition revision); null when it has none.
 */
public final class DeployedResource implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;
    private final String revision;

    private DeployedResource(String kind, String name, String revision) {
        this.kind = Values.required("kind", kind);
        this.name = Values.required("name", name);
        this.revision = Values.optional(revision);
    }

    public static DeployedResource of(String kind, String name, String revision) {
        return new DeployedResource(kind, name, revision);
    }

    static DeployedResource fromMap(Fields fields) {
        return of(fields.requiredString("kind"), fields.requiredString("name"), fields.optionalString("revision"));
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** Null when the object has no revision (a Service, a ConfigMap). */
    public String revision() {
        return revision;
    }

    /** "Deployment/web revision 4", "Service/web". */
    public String describe() {
        return kind + "/" + name + (revision == null ? "" : " revision " + revision);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind);
        map.put("name", name);
        RecordEntry.putIfPresent(map, "revision", revision);
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeployedResource resource
                && resource.kind.equals(kind)
                && resource.name.equals(name)
                && Objects.equals(resource.revision, revision);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, revision);
    }

    @Override
    public String toString() {
        return describe();
    }
}
