package io.jenkins.plugins.awsdelivery.engine.docker;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.Descriptor;
import io.jenkins.plugins.awsdelivery.engine.registry.ImageManifest;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of the tags to push already exist in a repository whose tags cannot be moved (an IMMUTABLE ECR repository),
 * and whether they hold the image just built. A registry refuses to move such a tag even to the same content, so a
 * re-run of a build would fail; instead, a tag whose manifest has the local image's config digest (docker's image ID
 * is that digest) is left as it is. A tag holding another image is an error naming both.
 */
final class ImmutableTags {
    private final List<String> existing;
    private final ImageManifest manifest;

    private ImmutableTags(List<String> existing, ImageManifest manifest) {
        this.existing = List.copyOf(existing);
        this.manifest = manifest;
    }

    /**
     * @param imageId the local image's ID ({@code docker image inspect --format {{.Id}}}), its config digest
     * @throws DeliveryException when a tag already holds another image
     */
    static ImmutableTags check(RegistryClient client, ImageReference repository, List<String> tags, Digest imageId) {
        List<String> existing = new ArrayList<>();
        ImageManifest first = null;
        for (String tag : tags) {
            ImageReference image = repository.withTag(tag);
            Optional<ImageManifest> held = client.pullManifestIfPresent(tag);
            if (held.isEmpty()) {
                continue;
            }
            ImageManifest manifest = held.get();
            Optional<Digest> config = manifest.config().map(Descriptor::digest);
            if (config.isEmpty() || !config.get().equals(imageId)) {
                throw new DeliveryException("the tag " + image + " already exists and cannot be moved (the repository's"
                        + " tags are immutable): it holds " + manifest.digest()
                        + config.map(c -> " with config " + c).orElse(", an image index")
                        + ", but the image built now is " + imageId
                        + "; push under a new tag (e.g. the commit id), or use a repository with mutable tags");
            }
            existing.add(tag);
            if (first == null) {
                first = manifest;
            }
        }
        return new ImmutableTags(existing, first);
    }

    /** The tags that already hold the image; they are not pushed again. */
    List<String> existing() {
        return existing;
    }

    /** The manifest an existing tag holds for the image; empty when none of the tags exists yet. */
    Optional<ImageManifest> manifest() {
        return Optional.ofNullable(manifest);
    }
}
