package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** An image pushed by the build ({@code ecrPush}): where it went, under which tags, and its digest. */
public final class PushEntry extends RecordEntry {
    private static final long serialVersionUID = 1L;

    private final String registry;
    private final String repository;
    private final ArrayList<String> tags;
    private final String digest;

    private PushEntry(Instant time, String registry, String repository, List<String> tags, String digest) {
        super(time);
        this.registry = Values.required("registry", registry);
        this.repository = Values.required("repository", repository);
        this.tags = Values.copyOf("tags", tags);
        this.digest = Values.digest("digest", digest);
    }

    /** @param digest the pushed manifest's digest, {@code sha256:…} */
    public static PushEntry of(Instant time, String registry, String repository, List<String> tags, String digest) {
        return new PushEntry(time, registry, repository, tags, digest);
    }

    static PushEntry fromMap(Fields fields) {
        return of(
                fields.time(),
                fields.requiredString("registry"),
                fields.requiredString("repository"),
                fields.strings("tags"),
                fields.requiredString("digest"));
    }

    @Override
    public String type() {
        return "push";
    }

    public String registry() {
        return registry;
    }

    public String repository() {
        return repository;
    }

    public List<String> tags() {
        return Collections.unmodifiableList(tags);
    }

    public Digest digest() {
        return Digest.parse(digest);
    }

    /** {@code registry/repository@digest}: the image exactly as pushed. */
    public String imageUri() {
        return registry + "/" + repository + "@" + digest;
    }

    @Override
    void putFields(Map<String, Object> map) {
        map.put("registry", registry);
        map.put("repository", repository);
        map.put("tags", new ArrayList<>(tags));
        map.put("digest", digest);
    }
}
