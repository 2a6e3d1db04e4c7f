package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Count JUnit XML reports (files, folders or Ant patterns) and, optionally, write the static HTML report. */
public final class JunitRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> paths;
    private final ArrayList<String> screenshots;
    private final String reportDirectory;
    private final String title;
    private final boolean failOnFailures;
    private final ParameterNames names;

    private JunitRequest(Builder b) {
        this.paths = new ArrayList<>(b.paths);
        this.screenshots = new ArrayList<>(b.screenshots);
        this.reportDirectory = b.reportDirectory;
        this.title = b.title;
        this.failOnFailures = b.failOnFailures;
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> paths() {
        return List.copyOf(paths);
    }

    public List<String> screenshots() {
        return List.copyOf(screenshots);
    }

    public Optional<String> reportDirectory() {
        return Optional.ofNullable(reportDirectory);
    }

    public String title() {
        return title;
    }

    public boolean failOnFailures() {
        return failOnFailures;
    }

    public ParameterNames names() {
        return names;
    }

    @Override
    public String toString() {
        return "JunitRequest{paths=" + paths + ", reportDirectory=" + reportDirectory + "}";
    }

    public static final class Builder {
        private final List<String> paths = new ArrayList<>();
        private final List<String> screenshots = new ArrayList<>();
        private String reportDirectory;
        private String title = "Test report";
        private boolean failOnFailures;
        private ParameterNames names = ParameterNames.pipeline();

        private Builder() {}

        public Builder paths(List<String> paths) {
            this.paths.clear();
            this.paths.addAll(paths);
            return this;
        }

        public Builder screenshots(List<String> patterns) {
            this.screenshots.clear();
            if (patterns != null) {
                this.screenshots.addAll(patterns);
            }
            return this;
        }

        public Builder reportDirectory(String directory) {
            this.reportDirectory = directory == null || directory.isBlank() ? null : directory;
            return this;
        }

        public Builder title(String title) {
            this.title = title == null || title.isBlank() ? "Test report" : title;
            return this;
        }

        public Builder failOnFailures(boolean failOnFailures) {
            this.failOnFailures = failOnFailures;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public JunitRequest build() {
            if (paths.isEmpty() || paths.stream().anyMatch(p -> p == null || p.isBlank())) {
                throw new InvalidParameterException(
                        names.of("reports"), "name a JUnit XML file, a folder or a pattern such as '**/TEST-*.xml'");
            }
            return new JunitRequest(this);
        }
    }
}
