package io.jenkins.plugins.awsdelivery.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command line is a front end like the plugin: it sees only the engine's public API, and only it, as the owner of
 * its JVM, reads the process's environment and system properties. Everything else takes the caller's environment map,
 * because in a Jenkins agent the JVM's environment belongs to no build.
 */
@AnalyzeClasses(
        packages = "io.jenkins.plugins.awsdelivery.engine",
        importOptions = ImportOption.DoNotIncludeTests.class)
class FrontEndBoundariesTest {

    @ArchTest
    static final ArchRule cliUsesOnlyThePublicApi = classes()
            .that()
            .resideInAPackage("..engine.cli..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "..engine.cli..",
                    "..engine.api..",
                    "..engine.spi..",
                    "picocli..",
                    "com.fasterxml.jackson..",
                    "java..",
                    "javax..",
                    "")
            .because("the CLI translates options into engine.api requests, as the plugin translates Pipeline"
                    + " parameters; composition belongs in the engine");

    @ArchTest
    static final ArchRule onlyTheCliReadsTheProcessEnvironment = noClasses()
            .that()
            .resideOutsideOfPackage("..engine.cli..")
            .should()
            .callMethod(System.class, "getenv")
            .orShould()
            .callMethod(System.class, "getenv", String.class)
            .because("a build's variables (AWS_*, KUBECONFIG, DOCKER_CONFIG, HOME, PATH) come from the caller's"
                    + " environment map (DeliveryContext), never from the JVM's");

    @ArchTest
    static final ArchRule onlyTheCliTouchesSystemProperties = noClasses()
            .that()
            .resideOutsideOfPackage("..engine.cli..")
            .should()
            .callMethod(System.class, "setProperty", String.class, String.class)
            .orShould()
            .callMethod(System.class, "getProperty", String.class)
            .orShould()
            .callMethod(System.class, "getProperty", String.class, String.class)
            .because("a system property is JVM-wide: in a Jenkins agent it belongs to no build (user.home is the"
                    + " agent's, not the build's HOME), and setting one changes every other build");
}
