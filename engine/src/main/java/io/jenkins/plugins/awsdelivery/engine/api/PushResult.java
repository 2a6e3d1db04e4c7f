package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.List;
import java.util.Map;

/** {@code registry, repository, tags, digest, imageUri} ({@code imageUri} = {@code registry/repository@digest}). */
public final class PushResult extends Result {
    private static final long serialVersionUID = 1L;

    PushResult(Map<String, ?> values) {
        super(values);
    }

    public String registry() {
        return string("registry");
    }

    public String repository() {
        return string("repository");
    }

    public List<String> tags() {
        return list("tags").stream().map(String::valueOf).toList();
    }

    public String digest() {
        return string("digest");
    }

    /** {@code registry/repository@digest}: what every later step should use. */
    public String imageUri() {
        return string("imageUri");
    }
}
