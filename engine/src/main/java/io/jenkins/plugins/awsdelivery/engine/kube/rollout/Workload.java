package io.jenkins.plugins.awsdelivery.engine.kube.rollout;

import java.util.Map;
import java.util.Objects;

/**
 * A Deployment, StatefulSet or DaemonSet to wait for, and the digest each container must run (container name →
 * {@code sha256:…}; empty when nothing was pinned).
 */
public record Workload(String kind, String namespace, String name, Map<String, String> expectedDigests) {
    public Workload {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(namespace);
        Objects.requireNonNull(name);
        expectedDigests = Map.copyOf(expectedDigests);
    }

    /** {@code Kind/name}. */
    public String displayName() {
        return kind + "/" + name;
    }
}
