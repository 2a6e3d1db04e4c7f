package io.jenkins.plugins.awsdelivery.engine.docker;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to build: context directory, Dockerfile, build arguments, target stage, labels and the tags to push. With a
 * {@link Builder#sourceUrl source URL} and {@link Builder#revision revision} the image also gets the OCI labels
 * {@code org.opencontainers.image.source} and {@code org.opencontainers.image.revision}. {@link #dockerEnvironment()}
 * reaches a particular daemon ({@code DOCKER_HOST}); empty means the caller's environment. {@link #toString()} shows
 * build argument names only, since their values may be sensitive.
 */
public final class ImageBuild {
    public static final String SOURCE_LABEL = "org.opencontainers.image.source";
    public static final String REVISION_LABEL = "org.opencontainers.image.revision";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path context;
    private final Path dockerfile;
    private final Map<String, String> buildArgs;
    private final Map<String, String> labels;
    private final String target;
    private final List<String> tags;
    private final Map<String, String> dockerEnvironment;
    private final Duration timeout;

    private ImageBuild(Builder b, Map<String, String> labels) {
        this.context = b.context;
        this.dockerfile = b.dockerfile;
        this.buildArgs = Map.copyOf(b.buildArgs);
        this.labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.target = b.target;
        this.tags = List.copyOf(new LinkedHashSet<>(b.tags));
        this.dockerEnvironment = Map.copyOf(b.dockerEnvironment);
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path context() {
        return context;
    }

    /** Null means {@code Dockerfile} in the context. */
    public Optional<Path> dockerfile() {
        return Optional.ofNullable(dockerfile);
    }

    public Map<String, String> buildArgs() {
        return buildArgs;
    }

    /** All labels, including the OCI source and revision labels. */
    public Map<String, String> labels() {
        return labels;
    }

    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /** Tags to push, first one first; the digest is read back through the first. */
    public List<String> tags() {
        return tags;
    }

    public Map<String, String> dockerEnvironment() {
        return dockerEnvironment;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * The {@code docker build} arguments after {@code docker}, tagging for {@code repository} (no tag). Paths are
     * absolute: a relative context such as {@code -app} would otherwise reach docker as a flag.
     */
    List<String> buildArguments(String repository, Path imageIdFile) {
        List<String> arguments = new ArrayList<>(
                List.of("build", "--iidfile", imageIdFile.toAbsolutePath().toString()));
        dockerfile()
                .ifPresent(file ->
                        arguments.addAll(List.of("--file", file.toAbsolutePath().toString())));
        target().ifPresent(stage -> arguments.addAll(List.of("--target", stage)));
        buildArgs.forEach((name, value) -> arguments.addAll(List.of("--build-arg", name + "=" + value)));
        labels.forEach((name, value) -> arguments.addAll(List.of("--label", name + "=" + value)));
        tags.forEach(tag -> arguments.addAll(List.of("--tag", repository + ":" + tag)));
        arguments.add(context.toAbsolutePath().toString());
        return arguments;
    }

    @Override
    public String toString() {
        return "ImageBuild{context=" + context + ", dockerfile=" + dockerfile + ", buildArgs=" + buildArgs.keySet()
                + ", labels=" + labels + ", target=" + target + ", tags=" + tags + ", dockerEnvironment="
                + dockerEnvironment.keySet() + "}";
    }

    public static final class Builder {
        private Path context;
        private Path dockerfile;
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String target;
        private final List<String> tags = new ArrayList<>();
        private String sourceUrl;
        private String revision;
        private final Map<String, String> dockerEnvironment = new LinkedHashMap<>();
        private Duration timeout = Duration.ofHours(1);

        private Builder() {}

        public Builder context(Path context) {
            this.context = context;
            return this;
        }

        /** Relative paths are taken as the docker CLI takes them: from the current directory of the process. */
        public Builder dockerfile(Path dockerfile) {
            this.dockerfile = dockerfile;
            return this;
        }

        public Builder buildArg(String name, String value) {
            buildArgs.put(name, Objects.requireNonNull(value, name));
            return this;
        }

        public Builder buildArgs(Map<String, String> args) {
            args.forEach(this::buildArg);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, Objects.requireNonNull(value, name));
            return this;
        }

        public Builder labels(Map<String, String> values) {
            values.forEach(this::label);
            return this;
        }

        public Builder target(String stage) {
            this.target = stage == null || stage.isBlank() ? null : stage;
            return this;
        }

        public Builder tag(String tag) {
            tags.add(tag);
            return this;
        }

        public Builder tags(List<String> values) {
            values.forEach(this::tag);
            return this;
        }

        /** The repository URL of the source, e.g. {@code https://github.com/org/app}; null when unknown. */
        public Builder sourceUrl(String url) {
            this.sourceUrl = url == null || url.isBlank() ? null : url;
            return this;
        }

        /** The commit the image is built from; null when unknown. */
        public Builder revision(String commit) {
            this.revision = commit == null || commit.isBlank() ? null : commit;
            return this;
        }

        /** More environment for every docker command, e.g. {@code DOCKER_BUILDKIT=0}. */
        public Builder dockerEnvironment(Map<String, String> variables) {
            dockerEnvironment.putAll(variables);
            return this;
        }

        public Builder timeout(Duration limit) {
            this.timeout = Objects.requireNonNull(limit);
            return this;
        }

        public ImageBuild build() {
            if (context == null) {
                throw new InvalidParameterException("context", "the build context directory is required");
            }
            if (!Files.isDirectory(context)) {
                throw new InvalidParameterException(
                        "context", context + " is not a directory; give the directory to send to docker build");
            }
            Path resolvedDockerfile = dockerfile == null ? context.resolve("Dockerfile") : dockerfile;
            if (!Files.isRegularFile(resolvedDockerfile)) {
                throw new InvalidParameterException(
                        "dockerfile",
                        resolvedDockerfile + " does not exist; name the Dockerfile"
                                + (dockerfile == null ? " (default: Dockerfile in the context)" : ""));
            }
            if (tags.isEmpty()) {
                throw new InvalidParameterException("tags", "at least one tag is required, e.g. the commit id");
            }
            for (String tag : tags) {
                if (tag == null || !TAG.matcher(tag).matches()) {
                    throw new InvalidParameterException(
                            "tags",
                            "\"" + tag + "\" is not a valid tag: up to 128 letters, digits, _ . - and not starting"
                                    + " with . or -");
                }
            }
            for (String name : buildArgs.keySet()) {
                if (!ARG_NAME.matcher(name).matches()) {
                    throw new InvalidParameterException(
                            "buildArgs", "\"" + name + "\" is not a build argument name (letters, digits, _)");
                }
            }
            for (String name : labels.keySet()) {
                if (name.isBlank() || name.contains("=")) {
                    throw new InvalidParameterException("labels", "\"" + name + "\" is not a label name");
                }
            }
            Map<String, String> allLabels = new LinkedHashMap<>(labels);
            if (sourceUrl != null) {
                allLabels.putIfAbsent(SOURCE_LABEL, sourceUrl);
            }
            if (revision != null) {
                allLabels.putIfAbsent(REVISION_LABEL, revision);
            }
            return new ImageBuild(this, allLabels);
        }
    }
}
