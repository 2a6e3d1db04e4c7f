package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.docker.ImageBuild;
import java.util.Objects;
import java.util.Optional;

/**
 * Build and push to an ECR repository: which repository (and account), whether to create it, with which settings,
 * the optional scan gate, and the image build itself.
 */
public final class EcrPushRequest {
    private final String repository;
    private final String registryId;
    private final boolean createRepository;
    private final RepositorySettings repositorySettings;
    private final Severity scanSeverityThreshold;
    private final boolean allowUnscannedImage;
    private final ImageBuild build;

    private EcrPushRequest(Builder b) {
        this.repository = b.repository;
        this.registryId = b.registryId;
        this.createRepository = b.createRepository;
        this.repositorySettings = b.repositorySettings;
        this.scanSeverityThreshold = b.scanSeverityThreshold;
        this.allowUnscannedImage = b.allowUnscannedImage;
        this.build = b.build;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String repository() {
        return repository;
    }

    /** The account that owns the registry; empty for the caller's own account. */
    public Optional<String> registryId() {
        return Optional.ofNullable(registryId);
    }

    public boolean createRepository() {
        return createRepository;
    }

    public RepositorySettings repositorySettings() {
        return repositorySettings;
    }

    /** Empty: no scan gate, nothing waits for the scan. */
    public Optional<Severity> scanSeverityThreshold() {
        return Optional.ofNullable(scanSeverityThreshold);
    }

    /**
     * With a scan threshold: whether an image that ECR cannot scan ({@code UNSUPPORTED_IMAGE}, {@code FAILED}, ...)
     * passes the gate with a warning instead of failing it.
     */
    public boolean allowUnscannedImage() {
        return allowUnscannedImage;
    }

    public ImageBuild build() {
        return build;
    }

    @Override
    public String toString() {
        return "EcrPushRequest{repository=" + repository + ", registryId=" + registryId + ", createRepository="
                + createRepository + ", " + repositorySettings + ", scanSeverityThreshold=" + scanSeverityThreshold
                + ", allowUnscannedImage=" + allowUnscannedImage + ", " + build + "}";
    }

    public static final class Builder {
        private String repository;
        private String registryId;
        private boolean createRepository;
        private RepositorySettings repositorySettings = RepositorySettings.defaults();
        private Severity scanSeverityThreshold;
        private boolean allowUnscannedImage;
        private ImageBuild build;

        private Builder() {}

        /** The repository name, e.g. {@code team/app} (not a URI). */
        public Builder repository(String name) {
            this.repository = name;
            return this;
        }

        public Builder registryId(String accountId) {
            this.registryId = accountId == null || accountId.isBlank() ? null : accountId.strip();
            return this;
        }

        public Builder createRepository(boolean create) {
            this.createRepository = create;
            return this;
        }

        public Builder repositorySettings(RepositorySettings settings) {
            this.repositorySettings = Objects.requireNonNull(settings);
            return this;
        }

        public Builder scanSeverityThreshold(Severity threshold) {
            this.scanSeverityThreshold = threshold;
            return this;
        }

        public Builder allowUnscannedImage(boolean allow) {
            this.allowUnscannedImage = allow;
            return this;
        }

        public Builder build(ImageBuild imageBuild) {
            this.build = imageBuild;
            return this;
        }

        public EcrPushRequest build() {
            EcrRepositories.checkName(repository);
            if (registryId != null && !registryId.matches("[0-9]{12}")) {
                throw new InvalidParameterException(
                        "registryId", "\"" + registryId + "\" is not an AWS account id (12 digits)");
            }
            if (allowUnscannedImage && scanSeverityThreshold == null) {
                throw new InvalidParameterException(
                        "allowUnscannedImage", "applies only with scanSeverityThreshold; set a threshold, or drop it");
            }
            if (build == null) {
                throw new InvalidParameterException("build", "the image build (context, Dockerfile, tags) is required");
            }
            return new EcrPushRequest(this);
        }
    }
}
