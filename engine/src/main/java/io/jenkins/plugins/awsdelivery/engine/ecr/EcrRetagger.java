package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;

/**
 * Adds a tag to an image within one repository without moving any blob: {@code BatchGetImage} reads the manifest,
 * {@code PutImage} writes the identical bytes under the new tag (with the digest, so ECR checks them). A tag that
 * already names this digest is success; a tag of an immutable repository held by another digest is an error that
 * names both digests.
 */
public final class EcrRetagger {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final EcrClient ecr;
    private final EcrImages images;
    private final EventSink events;

    EcrRetagger(EcrClient ecr, EcrImages images, EventSink events) {
        this.ecr = ecr;
        this.images = images;
        this.events = events;
    }

    /** Tags {@code repository@digest} as {@code tag}; returns whether the tag was new (false: it was already there). */
    public boolean retag(String repository, String registryId, Digest digest, String tag) {
        EcrRepositories.checkName(repository);
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new InvalidParameterException("tag", "\"" + tag + "\" is not a valid tag");
        }
        String image = repository + "@" + digest;
        Image source = manifestOf(repository, registryId, digest);
        try {
            ecr.putImage(b -> b.repositoryName(repository)
                    .registryId(registryId)
                    .imageManifest(source.imageManifest())
                    .imageManifestMediaType(source.imageManifestMediaType())
                    .imageDigest(digest.toString())
                    .imageTag(tag));
            events.info("tagged " + image + " as " + repository + ":" + tag);
            return true;
        } catch (ImageAlreadyExistsException e) {
            events.info(repository + ":" + tag + " already names " + digest);
            return false;
        } catch (ImageTagAlreadyExistsException e) {
            String holder = images.list(repository, registryId).stream()
                    .filter(other -> other.tags().contains(tag))
                    .map(other -> other.digest().toString())
                    .findFirst()
                    .orElse("another image");
            throw new EcrException("cannot tag " + image + " as '" + tag + "': repository '" + repository
                    + "' has immutable tags and '" + tag + "' already names " + holder
                    + "; choose another tag");
        } catch (SdkException e) {
            throw EcrException.of("ECR PutImage of " + image + " as '" + tag + "' failed", e);
        }
    }

    private Image manifestOf(String repository, String registryId, Digest digest) {
        BatchGetImageResponse response;
        try {
            response = ecr.batchGetImage(b -> b.repositoryName(repository)
                    .registryId(registryId)
                    .acceptedMediaTypes(MANIFEST_TYPES)
                    .imageIds(id -> id.imageDigest(digest.toString())));
        } catch (SdkException e) {
            throw EcrException.of("ECR BatchGetImage of " + repository + "@" + digest + " failed", e);
        }
        if (!response.hasImages() || response.images().isEmpty()) {
            String reason = response.hasFailures() && !response.failures().isEmpty()
                    ? " (" + response.failures().get(0).failureCodeAsString() + ")"
                    : "";
            throw new EcrException("image " + digest + " does not exist in ECR repository '" + repository + "'" + reason
                    + "; push it first");
        }
        return response.images().get(0);
    }
}
