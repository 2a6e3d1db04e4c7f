package io.jenkins.plugins.awsdelivery.engine;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine's packages form no cycle, so each can be read, tested and changed from the bottom up. */
@AnalyzeClasses(
        packages = "io.jenkins.plugins.awsdelivery.engine",
        importOptions = ImportOption.DoNotIncludeTests.class)
class PackageBoundariesTest {

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.jenkins.plugins.awsdelivery.engine.(*)..")
            .should()
            .beFreeOfCycles();
}
