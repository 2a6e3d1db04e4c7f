package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.nio.file.Path;

/** A JUnit XML file that could not be read; none of its test cases are counted. Line is -1 when unknown. */
public record MalformedReport(Path file, int line, String problem) {

    /** {@code build/TEST-x.xml line 12: problem}, the form every message about the file uses. */
    public String describe() {
        return file + (line > 0 ? " line " + line : "") + ": " + problem;
    }
}
