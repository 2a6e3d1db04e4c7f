package io.jenkins.plugins.awsdelivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.awsdelivery.engine.record.PushEntry;
import io.jenkins.plugins.awsdelivery.engine.testing.docker.DockerDaemon;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.util.Map;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code ecrPush} to a registry that is not ECR ({@code host:port/repo}), with a private dockerd: the step reaches
 * docker through the build's environment ({@code withEnv}), and the digest it returns is the registry's own.
 */
@WithJenkins
class EcrPushStepTest {
    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    @Test
    void ecrPush_toAnotherRegistry_returnsTheDigestTheRegistryServes(JenkinsRule r) throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        String base = docker.busyboxImage();
        String environment = docker.environment().entrySet().stream()
                .map(e -> "'" + e.getKey() + "=" + e.getValue() + "'")
                .collect(Collectors.joining(", "));
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  writeFile file: 'app/Dockerfile', text: 'FROM " + base
                        + "\\nCOPY hello.txt /hello.txt\\n'\n"
                        + "  writeFile file: 'app/hello.txt', text: 'hello'\n"
                        + "  withEnv([" + environment + "]) {\n"
                        + "    def image = ecrPush(repository: '" + registry.hostPort() + "/shop/web', context: 'app',"
                        + " tags: ['1.0.0'], labels: [team: 'shop'])\n"
                        + "    echo \"pushed ${image.digest} as ${image.imageUri}\"\n"
                        + "  }\n"
                        + "}",
                true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        String digest = new ImageFixtures(registry)
                .tagDigest("shop/web", "1.0.0")
                .orElseThrow()
                .toString();
        r.assertLogContains("pushed " + digest + " as " + registry.hostPort() + "/shop/web@" + digest, build);
        PushEntry pushed =
                ReleaseRecordAction.of(build).entries(PushEntry.class).get(0);
        assertEquals(
                Map.of("registry", registry.hostPort(), "repository", "shop/web", "digest", digest),
                Map.of(
                        "registry", pushed.registry(),
                        "repository", pushed.repository(),
                        "digest", pushed.digest().toString()));
    }
}
