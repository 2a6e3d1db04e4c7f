package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploy manifests to a namespace and wait for the rollout: to an EKS cluster ({@link Builder#cluster}), through a
 * kubeconfig file ({@link Builder#kubeconfig}), or, with neither, through the kubeconfig that {@code KUBECONFIG} in
 * the context's environment names (as {@code withKubeConfig} sets it).
 */
public final class DeployRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(10);

    private final ArrayList<String> manifests;
    private final String namespace;
    private final String cluster;
    private final String kubeconfig;
    private final AwsSettings aws;
    private final LinkedHashMap<String, String> images;
    private final Duration timeout;
    private final Duration gracePeriod;
    private final boolean rollbackOnFailure;
    private final boolean dryRun;
    private final boolean followSymlinks;
    private final ParameterNames names;

    private DeployRequest(Builder b, Duration timeout, Duration gracePeriod) {
        this.manifests = new ArrayList<>(b.manifests);
        this.namespace = b.namespace;
        this.cluster = b.cluster;
        this.kubeconfig = b.kubeconfig;
        this.aws = b.aws;
        this.images = new LinkedHashMap<>(b.images);
        this.timeout = timeout;
        this.gracePeriod = gracePeriod;
        this.rollbackOnFailure = b.rollbackOnFailure;
        this.dryRun = b.dryRun;
        this.followSymlinks = b.followSymlinks;
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> manifests() {
        return List.copyOf(manifests);
    }

    public String namespace() {
        return namespace;
    }

    public Optional<String> cluster() {
        return Optional.ofNullable(cluster);
    }

    public Optional<String> kubeconfig() {
        return Optional.ofNullable(kubeconfig);
    }

    public AwsSettings aws() {
        return aws;
    }

    public Map<String, String> images() {
        return new LinkedHashMap<>(images);
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration gracePeriod() {
        return gracePeriod;
    }

    public boolean rollbackOnFailure() {
        return rollbackOnFailure;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean followSymlinks() {
        return followSymlinks;
    }

    public ParameterNames names() {
        return names;
    }

    @Override
    public String toString() {
        return "DeployRequest{manifests=" + manifests + ", namespace=" + namespace + ", cluster="
                + (cluster != null ? cluster : kubeconfig != null ? "kubeconfig " + kubeconfig : "KUBECONFIG")
                + ", images=" + images + ", timeout=" + timeout + ", rollbackOnFailure=" + rollbackOnFailure
                + ", dryRun=" + dryRun + ", aws=" + aws + "}";
    }

    public static final class Builder {
        private final List<String> manifests = new ArrayList<>();
        private String namespace;
        private String cluster;
        private String kubeconfig;
        private AwsSettings aws = AwsSettings.defaults();
        private final Map<String, String> images = new LinkedHashMap<>();
        private String timeout;
        private String gracePeriod;
        private boolean rollbackOnFailure;
        private boolean dryRun;
        private boolean followSymlinks;
        private ParameterNames names = ParameterNames.pipeline();

        private Builder() {}

        /** Files, folders or glob patterns, relative to the working directory. */
        public Builder manifests(List<String> paths) {
            manifests.clear();
            manifests.addAll(paths);
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** An EKS cluster's name. */
        public Builder cluster(String cluster) {
            this.cluster = cluster == null || cluster.isBlank() ? null : cluster.strip();
            return this;
        }

        /** A kubeconfig file (its current context), relative to the working directory. */
        public Builder kubeconfig(String path) {
            this.kubeconfig = path == null || path.isBlank() ? null : path;
            return this;
        }

        public Builder aws(AwsSettings aws) {
            this.aws = aws == null ? AwsSettings.defaults() : aws;
            return this;
        }

        /** NAME → a reference with a digest; every image of repository NAME in the manifests is pinned to it. */
        public Builder images(Map<String, String> images) {
            this.images.clear();
            if (images != null) {
                this.images.putAll(images);
            }
            return this;
        }

        /** For all rollouts together: {@code 5m} (default), {@code 90s}, {@code 1h}. */
        public Builder timeout(String timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How long a pod may sit in ImagePullBackOff and the like before the deploy fails ({@code 10s}). */
        public Builder gracePeriod(String gracePeriod) {
            this.gracePeriod = gracePeriod;
            return this;
        }

        public Builder rollbackOnFailure(boolean rollbackOnFailure) {
            this.rollbackOnFailure = rollbackOnFailure;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Accept manifest files that are symbolic links to places outside their folder. */
        public Builder followSymlinks(boolean followSymlinks) {
            this.followSymlinks = followSymlinks;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public DeployRequest build() {
            if (manifests.isEmpty() || manifests.stream().anyMatch(m -> m == null || m.isBlank())) {
                throw new InvalidParameterException(
                        names.of("manifests"), "name at least one manifest file, folder or pattern, e.g. k8s/");
            }
            if (namespace == null || namespace.isBlank()) {
                throw new InvalidParameterException(names.of("namespace"), "name the namespace to deploy to");
            }
            if (cluster != null && kubeconfig != null) {
                throw new InvalidParameterException(
                        names.of("cluster"),
                        "give either an EKS cluster or a kubeconfig (" + names.of("kubeconfig") + "), not both");
            }
            if (cluster == null && (aws.roleArn().isPresent() || aws.region().isPresent())) {
                throw new InvalidParameterException(
                        names.of("region"),
                        names.of("region") + " and " + names.of("roleArn") + " apply to an EKS cluster only; name it"
                                + " with " + names.of("cluster"));
            }
            Duration parsedTimeout = Durations.parseOr(names.of("timeout"), timeout, DEFAULT_TIMEOUT);
            Duration parsedGrace = Durations.parseOr(names.of("gracePeriod"), gracePeriod, DEFAULT_GRACE_PERIOD);
            return new DeployRequest(this, parsedTimeout, parsedGrace);
        }
    }
}
