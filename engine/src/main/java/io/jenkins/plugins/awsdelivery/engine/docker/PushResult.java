package io.jenkins.plugins.awsdelivery.engine.docker;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A pushed image: where it is, under which tags, and the digest the registry reports for it. */
public final class PushResult {
    private final String registry;
    private final String repository;
    private final List<String> tags;
    private final Digest digest;

    public PushResult(String registry, String repository, List<String> tags, Digest digest) {
        this.registry = Objects.requireNonNull(registry);
        this.repository = Objects.requireNonNull(repository);
        this.tags = List.copyOf(tags);
        this.digest = Objects.requireNonNull(digest);
    }

    public String registry() {
        return registry;
    }

    public String repository() {
        return repository;
    }

    public List<String> tags() {
        return tags;
    }

    public Digest digest() {
        return digest;
    }

    /** {@code registry/repository@digest}: what to deploy. */
    public ImageReference image() {
        return ImageReference.of(registry, repository, null, digest);
    }

    /** {@code registry, repository, tags, digest, imageUri}: the {@code push --json} and {@code ecrPush} fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("registry", registry);
        map.put("repository", repository);
        map.put("tags", tags);
        map.put("digest", digest.toString());
        map.put("imageUri", image().canonical());
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PushResult that
                && that.registry.equals(registry)
                && that.repository.equals(repository)
                && that.tags.equals(tags)
                && that.digest.equals(digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tags, digest);
    }

    @Override
    public String toString() {
        return "PushResult" + toMap();
    }
}
