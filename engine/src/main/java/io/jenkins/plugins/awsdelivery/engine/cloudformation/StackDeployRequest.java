package io.jenkins.plugins.awsdelivery.engine.cloudformation;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which stack gets which template: the stack name, the template text, parameters, capabilities, tags, an optional
 * CloudFormation service role, the timeout for every wait, and whether to execute the change set. Immutable and
 * serializable (it travels to a Jenkins agent); validated at {@link Builder#build()}, where errors name the parameter
 * as the Pipeline step and the CLI call it.
 */
public final class StackDeployRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    /** CloudFormation's limit for a template passed in the request (larger ones must come from S3). */
    static final int MAX_TEMPLATE_BODY_BYTES = 51_200;

    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
    private static final List<String> CAPABILITIES =
            List.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");

    private final String stack;
    private final String template;
    private final Map<String, String> parameters;
    private final List<String> capabilities;
    private final Map<String, String> tags;
    private final String roleArn;
    private final Duration timeout;
    private final boolean execute;
    private final Duration pollInterval;

    private StackDeployRequest(Builder builder) {
        this.stack = builder.stack;
        this.template = builder.template;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
        this.capabilities = Collections.unmodifiableList(new ArrayList<>(builder.capabilities));
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(builder.tags));
        this.roleArn = builder.roleArn;
        this.timeout = builder.timeout;
        this.execute = builder.execute;
        this.pollInterval = builder.pollInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String stack() {
        return stack;
    }

    /** The template text (JSON or YAML). */
    public String template() {
        return template;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public List<String> capabilities() {
        return capabilities;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** The service role CloudFormation acts with, when given. */
    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    /** How long each wait (change set, stack operation) may take. Default 30 minutes. */
    public Duration timeout() {
        return timeout;
    }

    /** False: create the change set, report it, and leave it for a later run (after an approval). */
    public boolean execute() {
        return execute;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public String toString() {
        return "StackDeployRequest{stack=" + stack + ", parameters=" + parameters.keySet() + ", capabilities="
                + capabilities + ", tags=" + tags.keySet() + ", roleArn=" + roleArn + ", timeout=" + timeout
                + ", execute=" + execute + "}";
    }

    public static final class Builder {
        private String stack;
        private String template;
        private Map<String, String> parameters = Map.of();
        private List<String> capabilities = List.of();
        private Map<String, String> tags = Map.of();
        private String roleArn;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean execute = true;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;

        private Builder() {}

        public Builder stack(String stack) {
            this.stack = stack;
            return this;
        }

        public Builder template(String template) {
            this.template = template;
            return this;
        }

        public Builder parameters(Map<String, String> parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        public Builder capabilities(Collection<String> capabilities) {
            this.capabilities = List.copyOf(capabilities);
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = Objects.requireNonNull(tags, "tags");
            return this;
        }

        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn == null || roleArn.isBlank() ? null : roleArn;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder execute(boolean execute) {
            this.execute = execute;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public StackDeployRequest build() {
            if (stack == null || !STACK_NAME.matcher(stack).matches()) {
                throw new InvalidParameterException(
                        "stack",
                        "\"" + stack + "\" is not a stack name (a letter, then letters, digits and '-', at most 128)");
            }
            if (template == null || template.isBlank()) {
                throw new InvalidParameterException("template", "is empty; give the template text");
            }
            if (template.getBytes(StandardCharsets.UTF_8).length > MAX_TEMPLATE_BODY_BYTES) {
                throw new InvalidParameterException(
                        "template",
                        "is larger than the " + MAX_TEMPLATE_BODY_BYTES + " bytes CloudFormation takes in a request;"
                                + " shorten it (nested stacks, no comments)");
            }
            parameters.forEach((key, value) -> {
                if (key == null || key.isBlank() || value == null) {
                    throw new InvalidParameterException("parameters", "every parameter needs a key and a value");
                }
            });
            for (String capability : capabilities) {
                if (!CAPABILITIES.contains(capability)) {
                    throw new InvalidParameterException(
                            "capabilities", "\"" + capability + "\" is not one of " + CAPABILITIES);
                }
            }
            tags.forEach((key, value) -> {
                if (key == null || key.isBlank() || value == null) {
                    throw new InvalidParameterException("tags", "every tag needs a key and a value");
                }
                if (key.startsWith("aws:")) {
                    throw new InvalidParameterException("tags", "\"" + key + "\": the aws: prefix is reserved");
                }
            });
            if (roleArn != null && !ROLE_ARN.matcher(roleArn).matches()) {
                throw new InvalidParameterException(
                        "cfnRoleArn",
                        "\"" + roleArn
                                + "\" is not an IAM role ARN such as arn:aws:iam::123456789012:role/cfn-deployer");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidParameterException("timeout", "must be positive, e.g. 30m");
            }
            if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
                throw new InvalidParameterException("pollInterval", "must be positive, e.g. 5s");
            }
            return new StackDeployRequest(this);
        }
    }
}
