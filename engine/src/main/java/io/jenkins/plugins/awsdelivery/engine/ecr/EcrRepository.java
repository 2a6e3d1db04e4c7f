package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An ECR repository as ECR describes it: its URI ({@code registry/name}), owning account, ARN, tag mutability, and
 * whether this run created it.
 */
public final class EcrRepository {
    private final String name;
    private final String registryId;
    private final String arn;
    private final ImageReference uri;
    private final TagMutability tagMutability;
    private final boolean scanOnPush;
    private final boolean created;

    EcrRepository(
            String name,
            String registryId,
            String arn,
            ImageReference uri,
            TagMutability tagMutability,
            boolean scanOnPush,
            boolean created) {
        this.name = Objects.requireNonNull(name);
        this.registryId = registryId;
        this.arn = arn;
        this.uri = Objects.requireNonNull(uri);
        this.tagMutability = tagMutability;
        this.scanOnPush = scanOnPush;
        this.created = created;
    }

    public String name() {
        return name;
    }

    public String registryId() {
        return registryId;
    }

    public String arn() {
        return arn;
    }

    /** {@code <registry host>/<name>}, without tag or digest. */
    public ImageReference uri() {
        return uri;
    }

    /** {@code host[:port]} of the registry that holds the repository. */
    public String registryHost() {
        return uri.registry();
    }

    public TagMutability tagMutability() {
        return tagMutability;
    }

    public boolean scanOnPush() {
        return scanOnPush;
    }

    /** Whether this run created the repository. */
    public boolean created() {
        return created;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("registryId", registryId);
        map.put("arn", arn);
        map.put("uri", uri.canonical());
        map.put("tagMutability", tagMutability == null ? null : tagMutability.name());
        map.put("scanOnPush", scanOnPush);
        map.put("created", created);
        return map;
    }

    @Override
    public String toString() {
        return "EcrRepository" + toMap();
    }
}
