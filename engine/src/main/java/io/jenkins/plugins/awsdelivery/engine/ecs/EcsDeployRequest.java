package io.jenkins.plugins.awsdelivery.engine.ecs;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.reference.InvalidReferenceException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which ECS service gets which images: the cluster and service, container name → digest reference, optionally the
 * task definition to start from (the JSON of {@code aws ecs register-task-definition --cli-input-json}), the timeout
 * and whether to roll back. Immutable and serializable (it travels to a Jenkins agent); validated at
 * {@link Builder#build()}, where errors name the parameter as the Pipeline step and the CLI call it.
 */
public final class EcsDeployRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(6);

    private final String cluster;
    private final String service;
    private final Map<String, String> images;
    private final String taskDefinitionJson;
    private final Duration timeout;
    private final boolean rollbackOnFailure;
    private final Duration pollInterval;

    private EcsDeployRequest(Builder builder) {
        this.cluster = builder.cluster;
        this.service = builder.service;
        this.images = Collections.unmodifiableMap(new LinkedHashMap<>(builder.images));
        this.taskDefinitionJson = builder.taskDefinitionJson;
        this.timeout = builder.timeout;
        this.rollbackOnFailure = builder.rollbackOnFailure;
        this.pollInterval = builder.pollInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cluster's name or ARN. */
    public String cluster() {
        return cluster;
    }

    /** The service's name or ARN. */
    public String service() {
        return service;
    }

    /** Container name → image reference with a digest, in the order given. */
    public Map<String, String> images() {
        return images;
    }

    /** The task definition to start from instead of the service's current one, when given. */
    public Optional<String> taskDefinitionJson() {
        return Optional.ofNullable(taskDefinitionJson);
    }

    /** How long the new deployment may take to complete (and, with a rollback, the rollback too). Default 15 min. */
    public Duration timeout() {
        return timeout;
    }

    public boolean rollbackOnFailure() {
        return rollbackOnFailure;
    }

    /** Time between two looks at the service. Default 6 s. */
    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public String toString() {
        return "EcsDeployRequest{cluster=" + cluster + ", service=" + service + ", images=" + images
                + ", taskDefinition=" + (taskDefinitionJson == null ? "the service's" : "given") + ", timeout="
                + timeout + ", rollbackOnFailure=" + rollbackOnFailure + "}";
    }

    public static final class Builder {
        private String cluster;
        private String service;
        private Map<String, String> images = Map.of();
        private String taskDefinitionJson;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean rollbackOnFailure;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;

        private Builder() {}

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** Container name → image reference with a digest. */
        public Builder images(Map<String, String> images) {
            this.images = Objects.requireNonNull(images, "images");
            return this;
        }

        /** From {@code CONTAINER=REFERENCE} strings, as the CLI's {@code --image} takes them. */
        public Builder images(Collection<String> assignments) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String assignment : assignments) {
                int eq = assignment.indexOf('=');
                if (eq <= 0 || eq == assignment.length() - 1) {
                    throw new InvalidParameterException(
                            "image",
                            "\"" + assignment + "\" is not CONTAINER=REFERENCE, e.g. web=123.dkr.ecr…/web@sha256:…");
                }
                if (map.put(assignment.substring(0, eq), assignment.substring(eq + 1)) != null) {
                    throw new InvalidParameterException(
                            "image", "container " + assignment.substring(0, eq) + " is given twice");
                }
            }
            return images(map);
        }

        /** The task definition JSON in the {@code register-task-definition --cli-input-json} shape; null: the service's. */
        public Builder taskDefinitionJson(String taskDefinitionJson) {
            this.taskDefinitionJson = taskDefinitionJson;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder rollbackOnFailure(boolean rollbackOnFailure) {
            this.rollbackOnFailure = rollbackOnFailure;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public EcsDeployRequest build() {
            if (cluster == null || cluster.isBlank()) {
                throw new InvalidParameterException("cluster", "name the ECS cluster of the service");
            }
            if (service == null || service.isBlank()) {
                throw new InvalidParameterException("service", "name the ECS service to deploy");
            }
            if (images.isEmpty()) {
                throw new InvalidParameterException(
                        "images", "name at least one CONTAINER=REFERENCE whose reference carries a digest");
            }
            images.forEach((container, reference) -> {
                if (container == null || container.isBlank()) {
                    throw new InvalidParameterException("images", "a container name is empty");
                }
                ImageReference parsed;
                try {
                    parsed = ImageReference.parse("images", reference);
                } catch (InvalidReferenceException e) {
                    throw new InvalidParameterException(
                            "images",
                            container + "=" + reference + " is not an image reference: "
                                    + e.getMessage().substring("images: ".length()));
                }
                if (parsed.digest().isEmpty()) {
                    throw new InvalidParameterException(
                            "images",
                            container + "=" + reference + " has no digest; give the pushed image as"
                                    + " repository@sha256:… so that exactly the tested image runs");
                }
            });
            if (taskDefinitionJson != null && taskDefinitionJson.isBlank()) {
                throw new InvalidParameterException("taskDefinition", "is empty; give the task definition JSON");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidParameterException("timeout", "must be positive, e.g. 15m");
            }
            if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
                throw new InvalidParameterException("pollInterval", "must be positive, e.g. 6s");
            }
            return new EcsDeployRequest(this);
        }
    }
}
