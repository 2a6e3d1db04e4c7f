package io.jenkins.plugins.awsdelivery.engine.selenium;

/**
 * How one {@code <testcase>} ended. A test case with more than one of {@code <failure>}, {@code <error>} and
 * {@code <skipped>} counts once, in that order of precedence.
 */
public enum TestOutcome {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED
}
