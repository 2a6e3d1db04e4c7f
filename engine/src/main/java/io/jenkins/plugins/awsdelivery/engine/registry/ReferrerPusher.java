package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;

/**
 * Writes a manifest that carries a {@code subject} by its digest and tells whether the registry indexed it for the
 * referrers API.
 *
 * <p>{@code PUT /v2/<name>/manifests/<digest>} with {@code Content-Type: <media type>}; 201 Created, with
 * {@code OCI-Subject: <subject digest>} from a registry that serves the referrers API (distribution-spec v1.1,
 * "Pushing Manifests with Subject"). Without that header the client maintains the referrers tag schema itself.
 */
final class ReferrerPusher {
    private final ManifestPusher manifests;

    ReferrerPusher(ManifestPusher manifests) {
        this.manifests = manifests;
    }

    /** @return true when the registry answered {@code OCI-Subject} with the manifest's subject */
    boolean push(ImageManifest manifest, Digest subject) {
        return manifests
                .put(manifest, manifest.digest().toString(), "writing referrer " + manifest.digest() + " of " + subject)
                .firstValue("OCI-Subject")
                .map(String::trim)
                .filter(subject.toString()::equals)
                .isPresent();
    }
}
