package io.jenkins.plugins.awsdelivery.engine.api;

import io.jenkins.plugins.awsdelivery.engine.ecr.EcrRepositories;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Build an image with the docker CLI and push it: to an ECR repository ({@link Builder#ecrRepository}, whose registry
 * and URI come from ECR itself) or to any registry ({@link Builder#repository}, {@code host[:port]/repo}, with an
 * optional {@link RegistryLogin}). The digest is always read back from the registry.
 */
public final class PushRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String context;
    private final String dockerfile;
    private final LinkedHashMap<String, String> buildArgs;
    private final LinkedHashMap<String, String> labels;
    private final String target;
    private final ArrayList<String> tags;
    private final String ecrRepository;
    private final String registryId;
    private final boolean createRepository;
    private final String scanSeverityThreshold;
    private final boolean scanFailureIsWarning;
    private final String repository;
    private final RegistryLogin login;
    private final AwsSettings aws;
    private final RegistryAccess access;
    private final ParameterNames names;

    private PushRequest(Builder b) {
        this.context = b.context;
        this.dockerfile = b.dockerfile;
        this.buildArgs = new LinkedHashMap<>(b.buildArgs);
        this.labels = new LinkedHashMap<>(b.labels);
        this.target = b.target;
        this.tags = new ArrayList<>(b.tags);
        this.ecrRepository = b.ecrRepository;
        this.registryId = b.registryId;
        this.createRepository = b.createRepository;
        this.scanSeverityThreshold = b.scanSeverityThreshold;
        this.scanFailureIsWarning = b.scanFailureIsWarning;
        this.repository = b.repository;
        this.login = b.login;
        this.aws = b.aws;
        this.access = b.access;
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a repository as a user wrote it names a registry ({@code registry.example.com/team/app},
     * {@code localhost:5000/app}, {@code [::1]:5000/app}) rather than an ECR repository name ({@code team/app}): its
     * first component has a dot or a colon, or is {@code localhost}, as in the distribution reference grammar. Unlike
     * that grammar (and {@link io.jenkins.plugins.awsdelivery.engine.reference.ImageReference}), capitals alone do not
     * make a registry: {@code Team/app} is far likelier an ECR name typed with a capital than a host called "Team", and
     * as an ECR name it gets ECR's naming error (lower-case) instead of a push to an unknown host.
     */
    public static boolean namesRegistry(String repository) {
        if (repository == null) {
            return false;
        }
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = repository.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }

    public String context() {
        return context;
    }

    public Optional<String> dockerfile() {
        return Optional.ofNullable(dockerfile);
    }

    public Map<String, String> buildArgs() {
        return new LinkedHashMap<>(buildArgs);
    }

    public Map<String, String> labels() {
        return new LinkedHashMap<>(labels);
    }

    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public Optional<String> ecrRepository() {
        return Optional.ofNullable(ecrRepository);
    }

    public Optional<String> registryId() {
        return Optional.ofNullable(registryId);
    }

    public boolean createRepository() {
        return createRepository;
    }

    public Optional<String> scanSeverityThreshold() {
        return Optional.ofNullable(scanSeverityThreshold);
    }

    public boolean scanFailureIsWarning() {
        return scanFailureIsWarning;
    }

    public Optional<String> repository() {
        return Optional.ofNullable(repository);
    }

    public Optional<RegistryLogin> login() {
        return Optional.ofNullable(login);
    }

    public AwsSettings aws() {
        return aws;
    }

    public RegistryAccess access() {
        return access;
    }

    public ParameterNames names() {
        return names;
    }

    /** Build argument values are not shown: they sometimes carry tokens. */
    @Override
    public String toString() {
        return "PushRequest{context=" + context + ", tags=" + tags + ", buildArgs=" + buildArgs.keySet() + ", "
                + (ecrRepository != null ? "ecrRepository=" + ecrRepository : "repository=" + repository)
                + ", login=" + login + ", aws=" + aws + ", access=" + access + "}";
    }

    public static final class Builder {
        private String context = ".";
        private String dockerfile;
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String target;
        private final List<String> tags = new ArrayList<>();
        private String ecrRepository;
        private String registryId;
        private boolean createRepository;
        private String scanSeverityThreshold;
        private boolean scanFailureIsWarning;
        private String repository;
        private RegistryLogin login;
        private AwsSettings aws = AwsSettings.defaults();
        private RegistryAccess access = RegistryAccess.defaults();
        private ParameterNames names = ParameterNames.pipeline();

        private Builder() {}

        /** The build context folder, relative to the working directory ({@code .} by default). */
        public Builder context(String context) {
            this.context = context == null || context.isBlank() ? "." : context;
            return this;
        }

        public Builder dockerfile(String dockerfile) {
            this.dockerfile = blankToNull(dockerfile);
            return this;
        }

        public Builder buildArgs(Map<String, String> buildArgs) {
            this.buildArgs.clear();
            if (buildArgs != null) {
                this.buildArgs.putAll(buildArgs);
            }
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels.clear();
            if (labels != null) {
                this.labels.putAll(labels);
            }
            return this;
        }

        public Builder target(String target) {
            this.target = blankToNull(target);
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags.clear();
            if (tags != null) {
                this.tags.addAll(tags);
            }
            return this;
        }

        /** An ECR repository name such as {@code team/app}. */
        public Builder ecrRepository(String name) {
            this.ecrRepository = blankToNull(name);
            return this;
        }

        /** The account that owns the ECR registry (default: the caller's). */
        public Builder registryId(String registryId) {
            this.registryId = blankToNull(registryId);
            return this;
        }

        public Builder createRepository(boolean createRepository) {
            this.createRepository = createRepository;
            return this;
        }

        /** Wait for the ECR image scan and fail on findings at or above this severity. */
        public Builder scanSeverityThreshold(String severity) {
            this.scanSeverityThreshold = blankToNull(severity);
            return this;
        }

        /** A scan that cannot run (unsupported image, failed scan) only warns instead of failing the push. */
        public Builder scanFailureIsWarning(boolean warnOnly) {
            this.scanFailureIsWarning = warnOnly;
            return this;
        }

        /** Any registry's repository, {@code host[:port]/repo}, without tag or digest. */
        public Builder repository(String reference) {
            this.repository = blankToNull(reference);
            return this;
        }

        public Builder login(RegistryLogin login) {
            this.login = login;
            return this;
        }

        public Builder aws(AwsSettings aws) {
            this.aws = aws == null ? AwsSettings.defaults() : aws;
            return this;
        }

        public Builder access(RegistryAccess access) {
            this.access = access == null ? RegistryAccess.defaults() : access;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public PushRequest build() {
            if ((ecrRepository == null) == (repository == null)) {
                throw new InvalidParameterException(
                        names.of("repository"),
                        ecrRepository == null
                                ? "name the repository to push to: an ECR repository such as team/app, or"
                                        + " host[:port]/repository for another registry"
                                : "give an ECR repository or another registry's repository, not both");
            }
            if (tags.isEmpty() || tags.stream().anyMatch(t -> t == null || t.isBlank())) {
                throw new InvalidParameterException(
                        names.of("tags"), "give at least one tag, e.g. the commit: tags: [env.GIT_COMMIT]");
            }
            if (repository != null && (registryId != null || createRepository || scanSeverityThreshold != null)) {
                throw new InvalidParameterException(
                        names.of("repository"),
                        names.of("registryId") + ", " + names.of("createRepository") + " and "
                                + names.of("scanSeverityThreshold") + " apply to ECR repositories only");
            }
            if (ecrRepository != null) {
                // Here, on the controller, and under the name the front end gave the field.
                EcrRepositories.nameProblem(ecrRepository).ifPresent(problem -> {
                    throw new InvalidParameterException(names.of("ecrRepository"), problem);
                });
            }
            if (ecrRepository != null && login != null) {
                throw new InvalidParameterException(
                        names.of("registryCredentialsId"),
                        "ECR logins come from AWS credentials; a username and password apply to other registries");
            }
            return new PushRequest(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
