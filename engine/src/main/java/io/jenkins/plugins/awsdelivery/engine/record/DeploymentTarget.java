package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a deployment went: a Kubernetes (EKS) cluster and namespace, an ECS cluster and service, or a CloudFormation
 * stack. Two targets are equal when they name the same place.
 */
public final class DeploymentTarget implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The {@code kind} field of the JSON form. */
    public enum Kind {
        KUBERNETES("kubernetes"),
        ECS("ecs"),
        CLOUDFORMATION("cloudformation");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        static Kind fromJsonName(String name) {
            for (Kind kind : values()) {
                if (kind.jsonName.equals(name)) {
                    return kind;
                }
            }
            throw new InvalidParameterException(
                    "kind", "\"" + name + "\" is not a deployment target; expected kubernetes, ecs or cloudformation");
        }
    }

    private final Kind kind;
    private final String cluster;
    private final String namespace;
    private final String service;
    private final String stack;

    private DeploymentTarget(Kind kind, String cluster, String namespace, String service, String stack) {
        this.kind = kind;
        this.cluster = cluster;
        this.namespace = namespace;
        this.service = service;
        this.stack = stack;
    }

    /** An EKS cluster (or the cluster of a kubeconfig) and a namespace. */
    public static DeploymentTarget kubernetes(String cluster, String namespace) {
        return new DeploymentTarget(
                Kind.KUBERNETES,
                Values.required("cluster", cluster),
                Values.required("namespace", namespace),
                null,
                null);
    }

    public static DeploymentTarget ecs(String cluster, String service) {
        return new DeploymentTarget(
                Kind.ECS, Values.required("cluster", cluster), null, Values.required("service", service), null);
    }

    public static DeploymentTarget cloudFormation(String stack) {
        return new DeploymentTarget(Kind.CLOUDFORMATION, null, null, null, Values.required("stack", stack));
    }

    static DeploymentTarget fromMap(Fields fields) {
        return switch (Kind.fromJsonName(fields.requiredString("kind"))) {
            case KUBERNETES -> kubernetes(fields.requiredString("cluster"), fields.requiredString("namespace"));
            case ECS -> ecs(fields.requiredString("cluster"), fields.requiredString("service"));
            case CLOUDFORMATION -> cloudFormation(fields.requiredString("stack"));
        };
    }

    public Kind kind() {
        return kind;
    }

    /** The cluster for Kubernetes and ECS; null for a stack. */
    public String cluster() {
        return cluster;
    }

    /** Kubernetes only; null otherwise. */
    public String namespace() {
        return namespace;
    }

    /** ECS only; null otherwise. */
    public String service() {
        return service;
    }

    /** CloudFormation only; null otherwise. */
    public String stack() {
        return stack;
    }

    /** For people: "cluster prod, namespace shop", "ECS service web in cluster prod", "stack shop-prod". */
    public String describe() {
        return switch (kind) {
            case KUBERNETES -> "cluster " + cluster + ", namespace " + namespace;
            case ECS -> "ECS service " + service + " in cluster " + cluster;
            case CLOUDFORMATION -> "stack " + stack;
        };
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind.jsonName);
        RecordEntry.putIfPresent(map, "cluster", cluster);
        RecordEntry.putIfPresent(map, "namespace", namespace);
        RecordEntry.putIfPresent(map, "service", service);
        RecordEntry.putIfPresent(map, "stack", stack);
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeploymentTarget target && target.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
