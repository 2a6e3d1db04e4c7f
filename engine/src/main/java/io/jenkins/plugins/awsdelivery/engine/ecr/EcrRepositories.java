package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** Finds a repository, or creates it with the requested {@link RepositorySettings} when the caller allows it. */
public final class EcrRepositories {
    private static final Pattern NAME =
            Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

    private final EcrClient ecr;
    private final EventSink events;

    EcrRepositories(EcrClient ecr, EventSink events) {
        this.ecr = ecr;
        this.events = events;
    }

    /**
     * The repository {@code name} in the registry of {@code registryId} (null: the caller's account). When it does
     * not exist and {@code createRepository} is true it is created with {@code settings}; when false, an error names
     * the repository and the {@code createRepository} parameter.
     */
    public EcrRepository ensure(String name, String registryId, boolean createRepository, RepositorySettings settings) {
        checkName(name);
        try {
            return describe(name, registryId, false);
        } catch (RepositoryNotFoundException e) {
            if (!createRepository) {
                throw new EcrException("ECR repository '" + name + "' does not exist in registry "
                        + (registryId == null ? "of the current account" : registryId)
                        + "; create it, or set createRepository: true (CLI: --create-repository) to have it created");
            }
        } catch (SdkException e) {
            throw EcrException.of("ECR DescribeRepositories for repository '" + name + "' failed", e);
        }
        return create(name, registryId, settings);
    }

    /** The repository {@code name}; an error when it does not exist. */
    public EcrRepository describe(String name, String registryId) {
        checkName(name);
        try {
            return describe(name, registryId, false);
        } catch (RepositoryNotFoundException e) {
            throw new EcrException("ECR repository '" + name + "' does not exist in registry "
                    + (registryId == null ? "of the current account" : registryId));
        } catch (SdkException e) {
            throw EcrException.of("ECR DescribeRepositories for repository '" + name + "' failed", e);
        }
    }

    /** Every repository of the registry, all pages. */
    public List<EcrRepository> list(String registryId) {
        List<EcrRepository> all = new ArrayList<>();
        try {
            ecr.describeRepositoriesPaginator(b -> b.registryId(registryId))
                    .repositories()
                    .forEach(repository -> all.add(toRepository(repository, false)));
        } catch (SdkException e) {
            throw EcrException.of("ECR DescribeRepositories failed", e);
        }
        return all;
    }

    private EcrRepository describe(String name, String registryId, boolean created) {
        for (Repository repository : ecr.describeRepositoriesPaginator(
                        b -> b.registryId(registryId).repositoryNames(name))
                .repositories()) {
            if (repository.repositoryName().equals(name)) {
                return toRepository(repository, created);
            }
        }
        throw RepositoryNotFoundException.builder()
                .message("repository " + name + " not listed")
                .build();
    }

    private EcrRepository create(String name, String registryId, RepositorySettings settings) {
        events.info("creating ECR repository " + name + " (" + settings + ")");
        CreateRepositoryResponse response;
        try {
            response = ecr.createRepository(b -> b.repositoryName(name)
                    .registryId(registryId)
                    .imageTagMutability(ImageTagMutability.fromValue(
                            settings.tagMutability().name()))
                    .imageScanningConfiguration(s -> s.scanOnPush(settings.scanOnPush()))
                    .encryptionConfiguration(e -> e.encryptionType(EncryptionType.fromValue(settings.encryptionType()))
                            .kmsKey(settings.kmsKey().orElse(null))));
        } catch (RepositoryAlreadyExistsException e) {
            events.info("ECR repository " + name + " was created concurrently; using it as it is");
            return describe(name, registryId);
        } catch (SdkException e) {
            throw EcrException.of("ECR CreateRepository for repository '" + name + "' failed", e);
        }
        if (settings.lifecyclePolicy().isPresent()) {
            try {
                ecr.putLifecyclePolicy(b -> b.repositoryName(name)
                        .registryId(registryId)
                        .lifecyclePolicyText(settings.lifecyclePolicy().get()));
            } catch (SdkException e) {
                throw EcrException.of(
                        "ECR PutLifecyclePolicy for the new repository '" + name
                                + "' failed (the repository exists now, without the policy)",
                        e);
            }
        }
        return toRepository(response.repository(), true);
    }

    private static EcrRepository toRepository(Repository repository, boolean created) {
        return new EcrRepository(
                repository.repositoryName(),
                repository.registryId(),
                repository.repositoryArn(),
                ImageReference.parse("repositoryUri", repository.repositoryUri()),
                repository.imageTagMutability() == null
                                || repository.imageTagMutabilityAsString().startsWith("MUTABLE")
                        ? TagMutability.MUTABLE
                        : TagMutability.IMMUTABLE,
                repository.imageScanningConfiguration() != null
                        && Boolean.TRUE.equals(
                                repository.imageScanningConfiguration().scanOnPush()),
                created);
    }

    static void checkName(String name) {
        Optional<String> problem = nameProblem(name);
        if (problem.isPresent()) {
            throw new InvalidParameterException("repository", problem.get());
        }
    }

    /** What makes {@code name} no ECR repository name, for a caller that names the parameter its own way. */
    public static Optional<String> nameProblem(String name) {
        if (name == null
                || name.length() < 2
                || name.length() > 256
                || !NAME.matcher(name).matches()) {
            return Optional.of("\"" + name + "\" is not an ECR repository name: 2 to 256 lower-case letters, digits"
                    + " and . _ - / (e.g. team/app)");
        }
        return Optional.empty();
    }
}
