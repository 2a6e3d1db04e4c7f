package io.jenkins.plugins.awsdelivery.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The surface check over this repository: its plugin, docs, example Jenkinsfiles and shared library. */
class RealTreeSurfaceTest {

    @Test
    void repository_passesTheSurfaceCheck() {
        Path root = Repository.root();

        List<String> symbols = PluginSteps.read(root.resolve(SurfaceCheck.PLUGIN_SOURCES), new Problems(root)).stream()
                .map(step -> step.symbol().orElse(step.simpleName()))
                .toList();

        assertThat(symbols)
                .as("the steps of the plugin's sources")
                .contains("ecrPush", "eksDeploy", "seleniumTest", "ecrPromote", "withEksKubeConfig", "releaseEvidence");
        assertThat(SurfaceCheck.check(root)).isEmpty();
    }

    @Test
    void exampleJenkinsfilesAndSharedLibrary_useOnlyTheAgreedStepSurface() throws Exception {
        Path root = Repository.root();
        Path contract = Path.of(getClass().getResource("/surface/contract.md").toURI());

        assertThat(SurfaceCheck.groovyFiles(root))
                .extracting(file -> root.relativize(file).toString())
                .contains(
                        "docs/examples/Jenkinsfile",
                        "docs/examples/Jenkinsfile.scripted",
                        "docs/examples/Jenkinsfile.ecs",
                        "docs/examples/Jenkinsfile.cli",
                        "docs/examples/shared-library/vars/containerDelivery.groovy");
        assertThat(SurfaceCheck.checkExamples(root, List.of(contract))).isEmpty();
    }
}
