package io.jenkins.plugins.awsdelivery.engine.kube;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ImagePins;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** What to deploy where: built with {@link #builder()}, validated at {@link Builder#build()}. */
public final class DeployRequest {
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final ClusterConnection connection;
    private final String namespace;
    private final List<String> manifests;
    private final Path baseDirectory;
    private final ImagePins images;
    private final Duration timeout;
    private final Duration gracePeriod;
    private final Duration connectTimeout;
    private final boolean rollbackOnFailure;
    private final boolean dryRun;
    private final boolean createNamespace;
    private final boolean followSymlinks;

    private DeployRequest(Builder builder) {
        this.connection = builder.connection;
        this.namespace = builder.namespace;
        this.manifests = List.copyOf(builder.manifests);
        this.baseDirectory = builder.baseDirectory;
        this.images = builder.images;
        this.timeout = builder.timeout;
        this.gracePeriod = builder.gracePeriod;
        this.connectTimeout = builder.connectTimeout;
        this.rollbackOnFailure = builder.rollbackOnFailure;
        this.dryRun = builder.dryRun;
        this.createNamespace = builder.createNamespace;
        this.followSymlinks = builder.followSymlinks;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ClusterConnection connection() {
        return connection;
    }

    public String namespace() {
        return namespace;
    }

    /** Files, directories and globs, relative to {@link #baseDirectory()}. */
    public List<String> manifests() {
        return manifests;
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    public ImagePins images() {
        return images;
    }

    /** How long all rollouts together may take. Default 5 minutes. */
    public Duration timeout() {
        return timeout;
    }

    /** How long a pod may wait with ImagePullBackOff, CrashLoopBackOff, ... before the deploy fails. Default 10 s. */
    public Duration gracePeriod() {
        return gracePeriod;
    }

    /** How long to try reaching the API server before the deploy fails naming it. Default 15 s. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    public boolean rollbackOnFailure() {
        return rollbackOnFailure;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean createNamespace() {
        return createNamespace;
    }

    /** Whether manifest files may be symbolic links to places outside their folder. */
    public boolean followSymlinks() {
        return followSymlinks;
    }

    public static final class Builder {
        private ClusterConnection connection;
        private String namespace;
        private List<String> manifests = List.of();
        private Path baseDirectory = Path.of("");
        private ImagePins images = ImagePins.none();
        private Duration timeout = Duration.ofMinutes(5);
        private Duration gracePeriod = Duration.ofSeconds(10);
        private Duration connectTimeout = ClusterConnection.DEFAULT_CONNECT_TIMEOUT;
        private boolean rollbackOnFailure;
        private boolean dryRun;
        private boolean createNamespace = true;
        private boolean followSymlinks;

        private Builder() {}

        public Builder connection(ClusterConnection connection) {
            this.connection = connection;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder manifests(List<String> manifests) {
            this.manifests = Objects.requireNonNull(manifests);
            return this;
        }

        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = Objects.requireNonNull(baseDirectory);
            return this;
        }

        public Builder images(ImagePins images) {
            this.images = Objects.requireNonNull(images);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder gracePeriod(Duration gracePeriod) {
            this.gracePeriod = gracePeriod;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
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

        public Builder followSymlinks(boolean followSymlinks) {
            this.followSymlinks = followSymlinks;
            return this;
        }

        public Builder createNamespace(boolean createNamespace) {
            this.createNamespace = createNamespace;
            return this;
        }

        public DeployRequest build() {
            if (connection == null) {
                throw new InvalidParameterException("cluster", "name an EKS cluster or a kubeconfig");
            }
            if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
                throw new InvalidParameterException(
                        "namespace",
                        "\"" + namespace + "\" is not a namespace name (lower-case letters, digits and '-', at most "
                                + "63)");
            }
            if (manifests.isEmpty()) {
                throw new InvalidParameterException("manifests", "name at least one manifest file, directory or glob");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidParameterException("timeout", "must be positive, e.g. 5m");
            }
            if (connectTimeout == null || connectTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new InvalidParameterException("connectTimeout", "must be at least 1s, e.g. 15s");
            }
            if (gracePeriod == null || gracePeriod.isNegative()) {
                throw new InvalidParameterException("gracePeriod", "must not be negative");
            }
            return new DeployRequest(this);
        }
    }
}
