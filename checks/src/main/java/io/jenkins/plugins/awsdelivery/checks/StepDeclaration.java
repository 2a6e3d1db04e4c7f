package io.jenkins.plugins.awsdelivery.checks;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A Pipeline step as the plugin's Java source declares it.
 *
 * @param className the fully qualified class name ({@code io.jenkins.plugins.awsdelivery.EcrPushStep})
 * @param source the {@code .java} file
 * @param symbol the {@code @Symbol} value, when there is one
 * @param parameters {@code @DataBoundConstructor} arguments first, then {@code @DataBoundSetter} properties
 */
record StepDeclaration(String className, Path source, Optional<String> symbol, List<String> parameters) {
    StepDeclaration {
        parameters = List.copyOf(parameters);
    }

    /** Where Stapler looks for the step's {@code config.jelly} and help files below the resources folder. */
    Path resourceFolder(Path resources) {
        return resources.resolve(className.replace('.', '/'));
    }

    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
