package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run an end-to-end suite (any command that writes JUnit XML) with {@code BASE_URL}, {@code SELENIUM_REMOTE_URL} and
 * {@code BROWSER} set, optionally against a managed headless Chromium, then count its reports and write the static
 * HTML report. Paths are relative to the working directory.
 */
public final class SuiteRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final String command;
    private final ArrayList<String> commandArguments;
    private final String baseUrl;
    private final ArrayList<String> reports;
    private final ArrayList<String> screenshots;
    private final String browser;
    private final boolean managedBrowser;
    private final String seleniumRemoteUrl;
    private final Duration timeout;
    private final boolean failOnFailures;
    private final String reportDirectory;
    private final LinkedHashMap<String, String> environment;
    private final ParameterNames names;

    private SuiteRequest(Builder b, Duration timeout) {
        this.command = b.command;
        this.commandArguments = new ArrayList<>(b.commandArguments);
        this.baseUrl = b.baseUrl;
        this.reports = new ArrayList<>(b.reports);
        this.screenshots = new ArrayList<>(b.screenshots);
        this.browser = b.browser;
        this.managedBrowser = b.managedBrowser;
        this.seleniumRemoteUrl = b.seleniumRemoteUrl;
        this.timeout = timeout;
        this.failOnFailures = b.failOnFailures;
        this.reportDirectory = b.reportDirectory;
        this.environment = new LinkedHashMap<>(b.environment);
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The suite as one shell command line, or empty when it is an argument list. */
    public Optional<String> command() {
        return Optional.ofNullable(command);
    }

    public List<String> commandArguments() {
        return List.copyOf(commandArguments);
    }

    public Optional<String> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    public List<String> reports() {
        return List.copyOf(reports);
    }

    public List<String> screenshots() {
        return List.copyOf(screenshots);
    }

    public Optional<String> browser() {
        return Optional.ofNullable(browser);
    }

    public boolean managedBrowser() {
        return managedBrowser;
    }

    public Optional<String> seleniumRemoteUrl() {
        return Optional.ofNullable(seleniumRemoteUrl);
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean failOnFailures() {
        return failOnFailures;
    }

    public Optional<String> reportDirectory() {
        return Optional.ofNullable(reportDirectory);
    }

    public Map<String, String> environment() {
        return new LinkedHashMap<>(environment);
    }

    public ParameterNames names() {
        return names;
    }

    @Override
    public String toString() {
        return "SuiteRequest{command=" + (command != null ? command : commandArguments) + ", baseUrl=" + baseUrl
                + ", reports=" + reports + ", managedBrowser=" + managedBrowser + ", timeout=" + timeout
                + ", environment=" + environment.keySet() + "}";
    }

    public static final class Builder {
        private String command;
        private final List<String> commandArguments = new ArrayList<>();
        private String baseUrl;
        private final List<String> reports = new ArrayList<>();
        private final List<String> screenshots = new ArrayList<>();
        private String browser;
        private boolean managedBrowser;
        private String seleniumRemoteUrl;
        private String timeout;
        private boolean failOnFailures;
        private String reportDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private ParameterNames names = ParameterNames.pipeline();

        private Builder() {}

        /** One shell command line, run with {@code /bin/sh -c} as written. */
        public Builder command(String line) {
            this.command = line;
            this.commandArguments.clear();
            return this;
        }

        /** The suite as an argument list, run without a shell. */
        public Builder commandArguments(List<String> arguments) {
            this.commandArguments.clear();
            this.commandArguments.addAll(arguments);
            this.command = null;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = blankToNull(baseUrl);
            return this;
        }

        /** Ant-style patterns of JUnit XML files; default {@code **}{@code /TEST-*.xml}. */
        public Builder reports(List<String> patterns) {
            this.reports.clear();
            if (patterns != null) {
                this.reports.addAll(patterns);
            }
            return this;
        }

        public Builder screenshots(List<String> patterns) {
            this.screenshots.clear();
            if (patterns != null) {
                this.screenshots.addAll(patterns);
            }
            return this;
        }

        public Builder browser(String browser) {
            this.browser = blankToNull(browser);
            return this;
        }

        /** Start a headless Chromium with chromedriver for the suite and stop it afterwards. */
        public Builder managedBrowser(boolean managedBrowser) {
            this.managedBrowser = managedBrowser;
            return this;
        }

        public Builder seleniumRemoteUrl(String url) {
            this.seleniumRemoteUrl = blankToNull(url);
            return this;
        }

        /** {@code 30m} by default. */
        public Builder timeout(String timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Fail when a test failed or errored; otherwise the counts say so and the caller decides (UNSTABLE). */
        public Builder failOnFailures(boolean failOnFailures) {
            this.failOnFailures = failOnFailures;
            return this;
        }

        /** Where the HTML report goes; default {@code selenium-report}. */
        public Builder reportDirectory(String reportDirectory) {
            this.reportDirectory = blankToNull(reportDirectory);
            return this;
        }

        /** Extra variables for the suite, on top of the context's environment. */
        public Builder environment(Map<String, String> environment) {
            this.environment.clear();
            if (environment != null) {
                this.environment.putAll(environment);
            }
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public SuiteRequest build() {
            if ((command == null || command.isBlank()) && commandArguments.isEmpty()) {
                throw new InvalidParameterException(
                        names.of("command"), "give the suite's command line, e.g. 'mvn -B -f e2e/pom.xml verify'");
            }
            if (reports.isEmpty()) {
                reports.add("**/TEST-*.xml");
            }
            Duration parsed = Durations.parseOr(names.of("timeout"), timeout, DEFAULT_TIMEOUT);
            return new SuiteRequest(this, parsed);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
