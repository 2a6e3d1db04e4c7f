package io.jenkins.plugins.awsdelivery.engine.promote;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A referrer a promotion copied (or, in a dry run, would copy), and how the destination lists it. */
public final class CopiedReferrer {
    /** How the destination makes the referrer findable. */
    public enum How {
        /** Written with its {@code subject}; the destination's referrers API lists it. */
        API("api"),
        /** Listed in the destination's referrers tag schema index, tag {@code sha256-<hex>}. */
        TAG_SCHEMA("tag-schema"),
        /** Under cosign's tag, {@code sha256-<hex>.sig}, {@code .att} or {@code .sbom}. */
        COSIGN_TAG("cosign-tag");

        private final String value;

        How(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    private final Digest digest;
    private final String artifactType;
    private final String mediaType;
    private final How how;

    CopiedReferrer(Digest digest, String artifactType, String mediaType, How how) {
        this.digest = Objects.requireNonNull(digest);
        this.artifactType = artifactType;
        this.mediaType = Objects.requireNonNull(mediaType);
        this.how = Objects.requireNonNull(how);
    }

    public Digest digest() {
        return digest;
    }

    /** The manifest's {@code artifactType}, else (cosign tags) its first layer's media type, else its config's. */
    public String artifactType() {
        return artifactType;
    }

    public String mediaType() {
        return mediaType;
    }

    public How how() {
        return how;
    }

    /** {@code digest, artifactType, mediaType, how}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("digest", digest.toString());
        map.put("artifactType", artifactType);
        map.put("mediaType", mediaType);
        map.put("how", how.toString());
        return map;
    }

    @Override
    public String toString() {
        return "CopiedReferrer" + toMap();
    }
}
