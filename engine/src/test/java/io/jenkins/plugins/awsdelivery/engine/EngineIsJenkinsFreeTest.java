package io.jenkins.plugins.awsdelivery.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine runs outside Jenkins (CLI, tests here); the plugin is the only place that may know Jenkins. */
@AnalyzeClasses(
        packages = "io.jenkins.plugins.awsdelivery.engine",
        importOptions = ImportOption.DoNotIncludeTests.class)
class EngineIsJenkinsFreeTest {

    @ArchTest
    static final ArchRule engineNeverDependsOnJenkins = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..")
            .because("the engine must build and run where the Jenkins Maven repository is unreachable");

    @ArchTest
    static final ArchRule engineNeverPrintsToTheConsoleDirectly = noClasses()
            .that()
            .resideOutsideOfPackage("..cli..")
            .should()
            .accessField(System.class, "out")
            .because("progress goes through EventSink so that the caller can mask secrets");
}
