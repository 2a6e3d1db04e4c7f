package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One test case worth showing in a report: a failure, an error or a flaky pass.
 *
 * @param suite name of the enclosing {@code <testsuite>}
 * @param className the {@code classname} attribute, empty when absent
 * @param name the {@code name} attribute
 * @param outcome how the final attempt ended
 * @param flaky true when earlier attempts failed ({@code flakyFailure}/{@code flakyError}) and the test passed
 * @param message the failure message, empty when none
 * @param stackTrace the trimmed stack trace, empty when none
 * @param reruns messages of the other attempts (flaky or rerun failures), in document order
 * @param attachments files linked to the test ({@code [[ATTACHMENT|path]]} or a screenshot folder)
 * @param reportFile the JUnit XML file the test came from
 */
public record TestCaseResult(
        String suite,
        String className,
        String name,
        double durationSeconds,
        TestOutcome outcome,
        boolean flaky,
        String message,
        String stackTrace,
        List<String> reruns,
        List<Path> attachments,
        Path reportFile) {

    public TestCaseResult {
        Objects.requireNonNull(outcome, "outcome");
        suite = Objects.requireNonNullElse(suite, "");
        className = Objects.requireNonNullElse(className, "");
        name = Objects.requireNonNullElse(name, "");
        message = Objects.requireNonNullElse(message, "");
        stackTrace = Objects.requireNonNullElse(stackTrace, "");
        reruns = List.copyOf(reruns);
        attachments = List.copyOf(attachments);
    }

    /** {@code classname.name}, or the name alone when there is no class name or the name already holds it (Mocha, Jest). */
    public String displayName() {
        return className.isEmpty() || name.contains(className) ? name : className + "." + name;
    }
}
