package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An image as ECR describes it. */
public final class EcrImage {
    private final String repositoryName;
    private final Digest digest;
    private final List<String> tags;
    private final Long sizeBytes;
    private final Instant pushedAt;
    private final String manifestMediaType;
    private final String scanStatus;

    EcrImage(
            String repositoryName,
            Digest digest,
            List<String> tags,
            Long sizeBytes,
            Instant pushedAt,
            String manifestMediaType,
            String scanStatus) {
        this.repositoryName = repositoryName;
        this.digest = digest;
        this.tags = List.copyOf(tags);
        this.sizeBytes = sizeBytes;
        this.pushedAt = pushedAt;
        this.manifestMediaType = manifestMediaType;
        this.scanStatus = scanStatus;
    }

    public String repositoryName() {
        return repositoryName;
    }

    public Digest digest() {
        return digest;
    }

    public List<String> tags() {
        return tags;
    }

    public Optional<Long> sizeBytes() {
        return Optional.ofNullable(sizeBytes);
    }

    public Optional<Instant> pushedAt() {
        return Optional.ofNullable(pushedAt);
    }

    public Optional<String> manifestMediaType() {
        return Optional.ofNullable(manifestMediaType);
    }

    /** {@code IN_PROGRESS}, {@code COMPLETE}, {@code FAILED}, ...; empty when no scan ran. */
    public Optional<String> scanStatus() {
        return Optional.ofNullable(scanStatus);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("repository", repositoryName);
        map.put("digest", digest.toString());
        map.put("tags", tags);
        map.put("sizeBytes", sizeBytes);
        map.put("pushedAt", pushedAt == null ? null : pushedAt.toString());
        map.put("manifestMediaType", manifestMediaType);
        map.put("scanStatus", scanStatus);
        return map;
    }

    @Override
    public String toString() {
        return "EcrImage" + toMap();
    }
}
