package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.Map;

/**
 * A reference after Docker normalisation: {@code registry}, {@code repository}, {@code tag} and {@code digest} (null
 * when absent), and {@code canonical}, the whole reference written out.
 */
public final class RefResult extends Result {
    private static final long serialVersionUID = 1L;

    RefResult(Map<String, ?> values) {
        super(values);
    }

    public String registry() {
        return string("registry");
    }

    public String repository() {
        return string("repository");
    }

    /** Null when the reference has none. */
    public String tag() {
        return string("tag");
    }

    /** Null when the reference has none. */
    public String digest() {
        return string("digest");
    }

    public String canonical() {
        return string("canonical");
    }
}
