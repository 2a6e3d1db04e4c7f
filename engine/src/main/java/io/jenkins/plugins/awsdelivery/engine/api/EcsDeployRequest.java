package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Deploy a new revision of an ECS service's task definition with the named containers pinned to digests, and wait
 * until every running task of it reports those digests. The revision starts from the service's current task
 * definition, or from a {@code register-task-definition --cli-input-json} file.
 */
public final class EcsDeployRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(6);

    private final String cluster;
    private final String service;
    private final LinkedHashMap<String, String> images;
    private final String taskDefinition;
    private final AwsSettings aws;
    private final Duration timeout;
    private final Duration pollInterval;
    private final boolean rollbackOnFailure;
    private final ParameterNames names;

    private EcsDeployRequest(Builder b, Duration timeout, Duration pollInterval) {
        this.cluster = b.cluster;
        this.service = b.service;
        this.images = new LinkedHashMap<>(b.images);
        this.taskDefinition = b.taskDefinition;
        this.aws = b.aws;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.rollbackOnFailure = b.rollbackOnFailure;
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String cluster() {
        return cluster;
    }

    public String service() {
        return service;
    }

    public Map<String, String> images() {
        return new LinkedHashMap<>(images);
    }

    /** A task-definition JSON file, relative to the working directory. */
    public Optional<String> taskDefinition() {
        return Optional.ofNullable(taskDefinition);
    }

    public AwsSettings aws() {
        return aws;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public boolean rollbackOnFailure() {
        return rollbackOnFailure;
    }

    public ParameterNames names() {
        return names;
    }

    @Override
    public String toString() {
        return "EcsDeployRequest{cluster=" + cluster + ", service=" + service + ", images=" + images
                + ", taskDefinition=" + taskDefinition + ", timeout=" + timeout + ", rollbackOnFailure="
                + rollbackOnFailure + ", aws=" + aws + "}";
    }

    public static final class Builder {
        private String cluster;
        private String service;
        private final Map<String, String> images = new LinkedHashMap<>();
        private String taskDefinition;
        private AwsSettings aws = AwsSettings.defaults();
        private String timeout;
        private String pollInterval;
        private boolean rollbackOnFailure;
        private ParameterNames names = ParameterNames.pipeline();

        private Builder() {}

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** CONTAINER → a reference with a digest. */
        public Builder images(Map<String, String> images) {
            this.images.clear();
            if (images != null) {
                this.images.putAll(images);
            }
            return this;
        }

        public Builder taskDefinition(String file) {
            this.taskDefinition = file == null || file.isBlank() ? null : file;
            return this;
        }

        public Builder aws(AwsSettings aws) {
            this.aws = aws == null ? AwsSettings.defaults() : aws;
            return this;
        }

        /** {@code 15m} by default: ECS deployments take minutes. */
        public Builder timeout(String timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Time between two looks at the service ({@code 6s}); tests make it short. */
        public Builder pollInterval(String pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder rollbackOnFailure(boolean rollbackOnFailure) {
            this.rollbackOnFailure = rollbackOnFailure;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public EcsDeployRequest build() {
            Duration parsedTimeout = Durations.parseOr(names.of("timeout"), timeout, DEFAULT_TIMEOUT);
            Duration parsedPoll = Durations.parseOr(names.of("pollInterval"), pollInterval, DEFAULT_POLL_INTERVAL);
            return new EcsDeployRequest(this, parsedTimeout, parsedPoll);
        }
    }
}
