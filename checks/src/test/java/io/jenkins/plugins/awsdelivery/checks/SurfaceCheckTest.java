package io.jenkins.plugins.awsdelivery.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The surface check over small fixture trees: a consistent one ({@code surface/good}: two steps, their views, help,
 * docs, a Jenkinsfile and a library file), and copies of it with one thing wrong each.
 */
class SurfaceCheckTest {
    private static final String JENKINSFILE = "docs/examples/Jenkinsfile";
    private static final String ECR_PUSH = "plugin/src/main/java/io/example/steps/EcrPushStep.java";
    private static final String ECR_PUSH_VIEWS = "plugin/src/main/resources/io/example/steps/EcrPushStep/";

    @TempDir
    Path tree;

    @Test
    void consistentTree_hasNoProblems() throws Exception {
        copyGoodTree();

        assertThat(SurfaceCheck.check(tree)).isEmpty();
    }

    @Test
    void misspelledParameterInAnExampleJenkinsfile_isReportedWithLineAndSuggestion() throws Exception {
        copyGoodTree();
        edit(JENKINSFILE, "tags: [env.GIT_COMMIT]", "tag: [env.GIT_COMMIT]");

        assertThat(SurfaceCheck.check(tree))
                .containsExactly(JENKINSFILE + ":11: ecrPush has no parameter 'tag' (did you mean 'tags'?);"
                        + " it declares: repository, tags");
    }

    @Test
    void misspelledParameterInALibraryStepsCall_isReported() throws Exception {
        copyGoodTree();
        edit("examples/library/vars/deliver.groovy", "namespace: config.namespace", "namspace: config.namespace");

        assertThat(SurfaceCheck.check(tree))
                .containsExactly("examples/library/vars/deliver.groovy:3: eksDeploy has no parameter 'namspace'"
                        + " (did you mean 'namespace'?); it declares: images, manifests, namespace");
    }

    @Test
    void misspelledReturnFieldInAGString_isReported() throws Exception {
        copyGoodTree();
        edit(JENKINSFILE, "${image.digest}", "${image.digets}");

        assertThat(SurfaceCheck.check(tree))
                .containsExactly(JENKINSFILE + ":12: image.digets: 'ecrPush' returns no field 'digets' (did you mean"
                        + " 'digest'?); it returns: registry, repository, tags, digest, imageUri");
    }

    @Test
    void unknownReturnFieldBySubscript_isReported() throws Exception {
        copyGoodTree();
        edit(JENKINSFILE, "image['tags']", "image['tag_list']");

        assertThat(SurfaceCheck.check(tree))
                .singleElement()
                .asString()
                .startsWith(JENKINSFILE + ":12: image.tag_list:");
    }

    @Test
    void returnFieldOfADeclaredResultVariable_isCheckedToo() throws Exception {
        copyGoodTree();
        edit(JENKINSFILE, "${deployed.cluster}", "${deployed.clusterName}");

        assertThat(SurfaceCheck.check(tree))
                .singleElement()
                .asString()
                .isEqualTo(JENKINSFILE + ":20: deployed.clusterName: 'eksDeploy' returns no field 'clusterName'; it"
                        + " returns: cluster, resources, kind, name, revision");
    }

    @Test
    void groovyThatDoesNotParse_isReported() throws Exception {
        copyGoodTree();
        edit(JENKINSFILE, "stage('Deploy') {", "stage('Deploy') {{");

        assertThat(SurfaceCheck.check(tree))
                .singleElement()
                .asString()
                .startsWith(JENKINSFILE + ": does not parse as Groovy 2.4");
    }

    @Test
    void stepWithoutSymbol_isReported() throws Exception {
        copyGoodTree();
        edit(ECR_PUSH, "@Symbol(\"ecrPush\")", "");

        assertThat(SurfaceCheck.check(tree))
                .containsExactly(ECR_PUSH + ": EcrPushStep has no @Symbol; put @Symbol(\"stepName\") on its"
                        + " descriptor, as Pipeline and the Snippet Generator know a step by it");
    }

    @Test
    void stepWithoutConfigJelly_isReported() throws Exception {
        copyGoodTree();
        Files.delete(tree.resolve(ECR_PUSH_VIEWS + "config.jelly"));

        assertThat(SurfaceCheck.check(tree))
                .containsExactly(ECR_PUSH + ": EcrPushStep has no config.jelly; add " + ECR_PUSH_VIEWS
                        + "config.jelly for the Snippet Generator");
    }

    @Test
    void jellyFieldThatIsNoParameter_isReported() throws Exception {
        copyGoodTree();
        edit(ECR_PUSH_VIEWS + "config.jelly", "field=\"tags\"", "field=\"tag\"");

        assertThat(SurfaceCheck.check(tree))
                .containsExactly(ECR_PUSH_VIEWS + "config.jelly:6: field=\"tag\" is not a parameter of EcrPushStep"
                        + " (did you mean 'tags'?); parameters: [repository, tags]");
    }

    @Test
    void jellyThatIsNotWellFormed_isReported() throws Exception {
        copyGoodTree();
        edit(ECR_PUSH_VIEWS + "config.jelly", "</f:entry>\n</j:jelly>", "</j:jelly>");

        assertThat(SurfaceCheck.check(tree))
                .singleElement()
                .asString()
                .startsWith(ECR_PUSH_VIEWS + "config.jelly:8: is not well-formed XML: The element type \"f:entry\"");
    }

    @Test
    void parameterWithoutHelpFile_isReported() throws Exception {
        copyGoodTree();
        Files.delete(tree.resolve(ECR_PUSH_VIEWS + "help-tags.html"));

        assertThat(SurfaceCheck.check(tree))
                .containsExactly(ECR_PUSH + ": parameter 'tags' of EcrPushStep has no help file; add help-tags.html"
                        + " next to config.jelly");
    }

    @Test
    void setterFieldParameterWithoutDocsRow_isReported() throws Exception {
        copyGoodTree();
        edit("docs/steps.md", "| `images` | no |", "| images | no |");

        assertThat(SurfaceCheck.check(tree))
                .containsExactly(
                        "plugin/src/main/java/io/example/steps/EksDeployStep.java: parameter 'images' of"
                                + " 'eksDeploy' has no row in its parameter table (docs/steps.md:31); add '| `images` | ... |'");
    }

    @Test
    void docsRowForAParameterTheStepDoesNotDeclare_isReported() throws Exception {
        copyGoodTree();
        edit("docs/steps.md", "| `tags` | no | tags to push |", "| `tags` | no | tags to push |\n| `tagz` | no | |");

        assertThat(SurfaceCheck.check(tree))
                .containsExactly(ECR_PUSH + ": the docs of 'ecrPush' (docs/steps.md:3) list a parameter 'tagz' that"
                        + " EcrPushStep does not declare (did you mean 'tags'?)");
    }

    private void copyGoodTree() throws IOException, URISyntaxException {
        TreeCopy.copy(Path.of(getClass().getResource("/surface/good").toURI()), tree);
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = tree.resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        assertThat(text).as("fixture %s contains %s", file, from).contains(from);
        Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
