package io.jenkins.plugins.awsdelivery.engine.selenium;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One run of an end-to-end suite: the command, where it runs, what it tests, where its reports and screenshots land,
 * and when the result should fail the build. {@link #toString()} shows the names of environment variables, never their
 * values.
 */
public final class SuiteRequest {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final String DEFAULT_BROWSER = "chrome";
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final List<String> command;
    private final String shellCommand;
    private final Path workingDirectory;
    private final String baseUrl;
    private final String browser;
    private final Map<String, String> environment;
    private final List<String> reports;
    private final List<String> screenshots;
    private final Duration timeout;
    private final boolean managedBrowser;
    private final Path chromedriver;
    private final String seleniumRemoteUrl;
    private final Path reportDirectory;
    private final boolean failOnFailures;
    private final int failureThreshold;

    private SuiteRequest(Builder b) {
        this.command = List.copyOf(b.command);
        this.shellCommand = b.shellCommand;
        this.workingDirectory = b.workingDirectory.toAbsolutePath().normalize();
        this.baseUrl = b.baseUrl;
        this.browser = b.browser;
        this.environment = Map.copyOf(b.environment);
        this.reports = List.copyOf(b.reports);
        this.screenshots = List.copyOf(b.screenshots);
        this.timeout = b.timeout;
        this.managedBrowser = b.managedBrowser;
        this.chromedriver = b.chromedriver;
        this.seleniumRemoteUrl = b.seleniumRemoteUrl;
        this.reportDirectory = b.reportDirectory == null
                ? workingDirectory.resolve("selenium-report")
                : workingDirectory.resolve(b.reportDirectory).normalize();
        this.failOnFailures = b.failOnFailures;
        this.failureThreshold = b.failureThreshold;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The program and its arguments; for a shell command, {@code /bin/sh -c COMMAND}. */
    public List<String> processCommand() {
        return shellCommand == null ? command : List.of("/bin/sh", "-c", shellCommand);
    }

    /** The command as the user gave it, for messages. */
    public String commandForDisplay() {
        return shellCommand != null ? shellCommand : String.join(" ", command);
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Null when the suite gets no {@code BASE_URL}. */
    public String baseUrl() {
        return baseUrl;
    }

    public String browser() {
        return browser;
    }

    /** The user's own variables, given to the suite unchanged (the engine's three variables take precedence). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Files, folders or Ant-style patterns of JUnit XML, relative to the working directory. */
    public List<String> reports() {
        return reports;
    }

    /** Files, folders or Ant-style patterns of screenshots, relative to the working directory. */
    public List<String> screenshots() {
        return screenshots;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean managedBrowser() {
        return managedBrowser;
    }

    public Path chromedriver() {
        return chromedriver;
    }

    /** An existing WebDriver endpoint (a Selenium Grid); null when none or when the browser is managed. */
    public String seleniumRemoteUrl() {
        return seleniumRemoteUrl;
    }

    /** Where the HTML report is written; by default {@code selenium-report} in the working directory. */
    public Path reportDirectory() {
        return reportDirectory;
    }

    public boolean failOnFailures() {
        return failOnFailures;
    }

    /** How many failing tests (failed + errors) the build tolerates when {@link #failOnFailures()} is on. */
    public int failureThreshold() {
        return failureThreshold;
    }

    @Override
    public String toString() {
        return "SuiteRequest{command=" + commandForDisplay() + ", workingDirectory=" + workingDirectory + ", baseUrl="
                + baseUrl + ", browser=" + browser + ", env=" + environment.keySet() + ", reports=" + reports
                + ", screenshots=" + screenshots + ", timeout=" + timeout + ", managedBrowser=" + managedBrowser
                + ", failOnFailures=" + failOnFailures + ", failureThreshold=" + failureThreshold + "}";
    }

    public static final class Builder {
        private final List<String> command = new ArrayList<>();
        private String shellCommand;
        private Path workingDirectory;
        private String baseUrl;
        private String browser = DEFAULT_BROWSER;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> reports = new ArrayList<>();
        private final List<String> screenshots = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean managedBrowser;
        private Path chromedriver = ManagedBrowser.DEBIAN_CHROMEDRIVER;
        private String seleniumRemoteUrl;
        private Path reportDirectory;
        private boolean failOnFailures = true;
        private int failureThreshold;

        private Builder() {}

        /** The suite as an argument list, run without a shell. */
        public Builder command(List<String> arguments) {
            command.clear();
            command.addAll(arguments);
            shellCommand = null;
            return this;
        }

        public Builder command(String... arguments) {
            return command(List.of(arguments));
        }

        /** The suite as one shell command, run exactly as written with {@code /bin/sh -c}. */
        public Builder shellCommand(String line) {
            shellCommand = line;
            command.clear();
            return this;
        }

        public Builder workingDirectory(Path directory) {
            workingDirectory = directory;
            return this;
        }

        public Builder baseUrl(String url) {
            baseUrl = url;
            return this;
        }

        public Builder browser(String name) {
            browser = name;
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder reports(List<String> patterns) {
            reports.addAll(patterns);
            return this;
        }

        public Builder reports(String... patterns) {
            return reports(List.of(patterns));
        }

        public Builder screenshots(List<String> patterns) {
            screenshots.addAll(patterns);
            return this;
        }

        public Builder screenshots(String... patterns) {
            return screenshots(List.of(patterns));
        }

        public Builder timeout(Duration limit) {
            timeout = limit;
            return this;
        }

        /** Start Debian's chromedriver for the suite and give its URL as {@code SELENIUM_REMOTE_URL}. */
        public Builder managedBrowser(boolean managed) {
            managedBrowser = managed;
            return this;
        }

        public Builder chromedriver(Path path) {
            chromedriver = path;
            return this;
        }

        public Builder seleniumRemoteUrl(String url) {
            seleniumRemoteUrl = url;
            return this;
        }

        public Builder reportDirectory(Path directory) {
            reportDirectory = directory;
            return this;
        }

        public Builder failOnFailures(boolean fail) {
            failOnFailures = fail;
            return this;
        }

        public Builder failureThreshold(int tolerated) {
            failureThreshold = tolerated;
            return this;
        }

        public SuiteRequest build() {
            if (shellCommand == null && command.isEmpty()) {
                throw new InvalidParameterException(
                        "command",
                        "is required: the suite's command line, e.g. 'mvn"
                                + " -B verify' or ['npx', 'playwright', 'test']");
            }
            if (shellCommand != null && shellCommand.isBlank()) {
                throw new InvalidParameterException("command", "is empty; give the suite's command line");
            }
            if (command.stream().anyMatch(Objects::isNull)) {
                throw new InvalidParameterException("command", "contains a null argument");
            }
            if (workingDirectory == null) {
                throw new InvalidParameterException("workingDirectory", "is required: the folder the suite runs in");
            }
            if (reports.isEmpty() || reports.stream().anyMatch(r -> r == null || r.isBlank())) {
                throw new InvalidParameterException(
                        "reports", "is required: where the suite writes JUnit XML, e.g. '**/TEST-*.xml'");
            }
            if (screenshots.stream().anyMatch(s -> s == null || s.isBlank())) {
                throw new InvalidParameterException("screenshots", "contains an empty pattern");
            }
            if (baseUrl != null) {
                requireHttpUrl("baseUrl", baseUrl);
            }
            if (seleniumRemoteUrl != null) {
                requireHttpUrl("seleniumRemoteUrl", seleniumRemoteUrl);
                if (managedBrowser) {
                    throw new InvalidParameterException(
                            "seleniumRemoteUrl",
                            "cannot be combined with a managed" + " browser; use one or the other");
                }
            }
            if (browser == null || browser.isBlank()) {
                throw new InvalidParameterException("browser", "is empty; e.g. 'chrome'");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidParameterException("timeout", "must be positive, e.g. 30 minutes");
            }
            if (failureThreshold < 0) {
                throw new InvalidParameterException("failureThreshold", "must be 0 or more, was " + failureThreshold);
            }
            environment.forEach((name, value) -> {
                if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
                    throw new InvalidParameterException("environment", "'" + name + "' is not a variable name");
                }
                if (value == null) {
                    throw new InvalidParameterException("environment", name + " has no value");
                }
            });
            return new SuiteRequest(this);
        }

        private static void requireHttpUrl(String parameter, String url) {
            try {
                URI uri = URI.create(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new InvalidParameterException(parameter, "'" + url + "' is not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(parameter, "'" + url + "' is not a URL: " + e.getMessage());
            }
        }
    }
}
