package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;

/** Describes images of a repository; every list is read to its last page. */
public final class EcrImages {
    private final EcrClient ecr;

    EcrImages(EcrClient ecr) {
        this.ecr = ecr;
    }

    /** The image {@code digest} in {@code repository}; an error naming both when it is not there. */
    public EcrImage describe(String repository, String registryId, Digest digest) {
        EcrRepositories.checkName(repository);
        try {
            for (ImageDetail detail : ecr.describeImagesPaginator(b -> b.repositoryName(repository)
                            .registryId(registryId)
                            .imageIds(id -> id.imageDigest(digest.toString())))
                    .imageDetails()) {
                return toImage(detail);
            }
        } catch (ImageNotFoundException e) {
            // Answered below.
        } catch (SdkException e) {
            throw EcrException.of("ECR DescribeImages of " + repository + "@" + digest + " failed", e);
        }
        throw new EcrException("image " + digest + " does not exist in ECR repository '" + repository
                + "'; push it first, or check the digest and the repository");
    }

    /** Every image of {@code repository} (all pages). */
    public List<EcrImage> list(String repository, String registryId) {
        EcrRepositories.checkName(repository);
        List<EcrImage> images = new ArrayList<>();
        try {
            ecr.describeImagesPaginator(b -> b.repositoryName(repository).registryId(registryId))
                    .imageDetails()
                    .forEach(detail -> images.add(toImage(detail)));
        } catch (SdkException e) {
            throw EcrException.of("ECR DescribeImages of repository '" + repository + "' failed", e);
        }
        return images;
    }

    private static EcrImage toImage(ImageDetail detail) {
        return new EcrImage(
                detail.repositoryName(),
                Digest.parse("imageDigest", detail.imageDigest()),
                detail.hasImageTags() ? detail.imageTags() : List.of(),
                detail.imageSizeInBytes(),
                detail.imagePushedAt(),
                detail.imageManifestMediaType(),
                detail.imageScanStatus() == null
                        ? null
                        : detail.imageScanStatus().statusAsString());
    }
}
