package io.jenkins.plugins.awsdelivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.TestImages;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code ecsDeploy} against the ECS emulator, whose tasks resolve their images against a real registry: the running
 * tasks report the digest the registry holds for the pinned image, and the AWS secret key stays out of the build.
 */
@WithJenkins
class EcsDeployStepTest {
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYECSDEPLOY";

    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    @Test
    void ecsDeploy_pinsTheDigest_andTheServiceRunsIt(JenkinsRule r) throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()) {
            EcsEmulator ecs = EcsEmulator.on(aws);
            TestImages.push(registry.url(), "shop/web", "1.0", "first");
            var second = TestImages.push(registry.url(), "shop/web", "2.0", "second");
            String first = ecs.registerForTest("{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"web\","
                    + "\"image\":\"" + registry.hostPort() + "/shop/web:1.0\",\"essential\":true}]}");
            ecs.givenService("shop", "web", first, 1, true, false, Map.of());
            StoredTestCredentials.aws("aws-test", "AKIAECSDEPLOYTEST", SECRET_KEY);
            WorkflowJob job = r.createProject(WorkflowJob.class);
            job.setDefinition(new CpsFlowDefinition(
                    "node {\n"
                            + "  withEnv(['AWS_ENDPOINT_URL=" + aws.endpoint() + "']) {\n"
                            + "    def deployed = ecsDeploy(cluster: 'shop', service: 'web', images: [web: '"
                            + registry.hostPort() + "/shop/web@" + second + "'], region: 'eu-west-1',"
                            + " credentialsId: 'aws-test', timeout: '2m')\n"
                            + "    echo \"rollout ${deployed.rolloutState}"
                            + " from ${deployed.previousTaskDefinitionArn}\"\n"
                            + "  }\n"
                            + "}",
                    true));

            WorkflowRun build = r.buildAndAssertSuccess(job);

            r.assertLogContains("rollout COMPLETED from " + first, build);
            assertEquals(List.of(second.toString()), ecs.runningDigests("shop", "web", "web"));
            assertFalse(StoredTestCredentials.leftOnDisk(build, SECRET_KEY), "the secret key is in the build's folder");
        }
    }
}
