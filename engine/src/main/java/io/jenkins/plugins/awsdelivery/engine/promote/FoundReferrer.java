package io.jenkins.plugins.awsdelivery.engine.promote;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.registry.ImageManifest;
import java.util.List;

/**
 * A referrer found at the source: its manifest (and, for an index, its child manifests), the digest it refers to, its
 * artifact type, and the cosign tag it was found under (null when the referrers API or tag schema listed it).
 */
record FoundReferrer(
        ImageManifest manifest, List<ImageManifest> children, Digest subject, String artifactType, String cosignTag) {
    FoundReferrer {
        children = List.copyOf(children);
    }

    String describe() {
        return "referrer " + manifest.digest() + " (" + artifactType + ") of " + subject
                + (cosignTag == null ? "" : ", tag " + cosignTag);
    }
}
