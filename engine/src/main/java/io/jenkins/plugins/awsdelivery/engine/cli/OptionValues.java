package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Between option values and engine parameters: files the options name, and errors renamed to the options. */
final class OptionValues {
    private OptionValues() {}

    /**
     * {@code e} with its parameter renamed to the option {@code options} maps it to, or {@code e} itself: the engine
     * names a parameter as the Pipeline step does ({@code images}), the CLI user wrote an option ({@code --image}).
     */
    static InvalidParameterException rename(InvalidParameterException e, Map<String, String> options) {
        String option = options.get(e.parameter());
        return option == null
                ? e
                : new InvalidParameterException(
                        option, e.getMessage().substring(e.parameter().length() + 2));
    }

    /** The UTF-8 text of the file an option names; an unreadable file is an error naming the option. */
    static String readText(String option, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidParameterException(option, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
