package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploy a CloudFormation stack through a change set: create or update it from a template file, wait, and name the
 * first failed resource when it fails. A change set without changes is a success. The stack name, template size,
 * capabilities, tags and the CloudFormation role are checked when the operation starts.
 */
public final class CfnDeployRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private final String stack;
    private final String template;
    private final LinkedHashMap<String, String> parameters;
    private final ArrayList<String> capabilities;
    private final LinkedHashMap<String, String> tags;
    private final String cfnRoleArn;
    private final AwsSettings aws;
    private final Duration timeout;
    private final Duration pollInterval;
    private final boolean execute;
    private final ParameterNames names;

    private CfnDeployRequest(Builder b, Duration timeout, Duration pollInterval) {
        this.stack = b.stack;
        this.template = b.template;
        this.parameters = new LinkedHashMap<>(b.parameters);
        this.capabilities = new ArrayList<>(b.capabilities);
        this.tags = new LinkedHashMap<>(b.tags);
        this.cfnRoleArn = b.cfnRoleArn;
        this.aws = b.aws;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.execute = b.execute;
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String stack() {
        return stack;
    }

    /** The template file (JSON or YAML), relative to the working directory. */
    public String template() {
        return template;
    }

    public Map<String, String> parameters() {
        return new LinkedHashMap<>(parameters);
    }

    public List<String> capabilities() {
        return List.copyOf(capabilities);
    }

    public Map<String, String> tags() {
        return new LinkedHashMap<>(tags);
    }

    /** The service role CloudFormation acts with (not the role the caller assumes: that is {@link #aws()}'s). */
    public Optional<String> cfnRoleArn() {
        return Optional.ofNullable(cfnRoleArn);
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

    /** False: create the change set and report it, without executing it. */
    public boolean execute() {
        return execute;
    }

    public ParameterNames names() {
        return names;
    }

    /** Parameter values are left out: a template's parameters may hold secrets. */
    @Override
    public String toString() {
        return "CfnDeployRequest{stack=" + stack + ", template=" + template + ", parameters=" + parameters.keySet()
                + ", capabilities=" + capabilities + ", tags=" + tags + ", cfnRoleArn=" + cfnRoleArn + ", aws=" + aws
                + ", timeout=" + timeout + ", execute=" + execute + "}";
    }

    public static final class Builder {
        private String stack;
        private String template;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final List<String> capabilities = new ArrayList<>();
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String cfnRoleArn;
        private AwsSettings aws = AwsSettings.defaults();
        private String timeout;
        private String pollInterval;
        private boolean execute = true;
        private ParameterNames names = ParameterNames.pipeline();

        private Builder() {}

        public Builder stack(String stack) {
            this.stack = stack;
            return this;
        }

        /** A template file, relative to the working directory. */
        public Builder template(String file) {
            this.template = file;
            return this;
        }

        public Builder parameters(Map<String, String> parameters) {
            this.parameters.clear();
            if (parameters != null) {
                this.parameters.putAll(parameters);
            }
            return this;
        }

        /** {@code CAPABILITY_IAM}, {@code CAPABILITY_NAMED_IAM}, {@code CAPABILITY_AUTO_EXPAND}. */
        public Builder capabilities(List<String> capabilities) {
            this.capabilities.clear();
            if (capabilities != null) {
                this.capabilities.addAll(capabilities);
            }
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags.clear();
            if (tags != null) {
                this.tags.putAll(tags);
            }
            return this;
        }

        public Builder cfnRoleArn(String cfnRoleArn) {
            this.cfnRoleArn = cfnRoleArn == null || cfnRoleArn.isBlank() ? null : cfnRoleArn;
            return this;
        }

        public Builder aws(AwsSettings aws) {
            this.aws = aws == null ? AwsSettings.defaults() : aws;
            return this;
        }

        /** For each wait (change set, stack): {@code 30m} (default), {@code 90s}, {@code 1h}. */
        public Builder timeout(String timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Time between two looks at the change set or the stack ({@code 5s}). */
        public Builder pollInterval(String pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder execute(boolean execute) {
            this.execute = execute;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public CfnDeployRequest build() {
            if (stack == null || stack.isBlank()) {
                throw new InvalidParameterException(names.of("stack"), "name the stack to create or update");
            }
            if (template == null || template.isBlank()) {
                throw new InvalidParameterException(names.of("template"), "name the template file (JSON or YAML)");
            }
            Duration parsedTimeout = Durations.parseOr(names.of("timeout"), timeout, DEFAULT_TIMEOUT);
            Duration parsedPoll = Durations.parseOr(names.of("pollInterval"), pollInterval, DEFAULT_POLL_INTERVAL);
            return new CfnDeployRequest(this, parsedTimeout, parsedPoll);
        }
    }
}
