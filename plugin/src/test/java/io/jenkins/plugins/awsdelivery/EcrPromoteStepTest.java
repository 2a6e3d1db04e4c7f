package io.jenkins.plugins.awsdelivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code ecrPromote} between two real registries (Debian's docker-registry): the digest that arrives is the one the
 * source registry holds, and the approval rules stop a promotion before anything is copied. The deployment and the
 * test run that an approval needs come from the real steps, against the mock cluster and a suite that writes JUnit XML.
 */
@WithJenkins
class EcrPromoteStepTest {
    private static final String PASSWORD = "pr0mote-Password-7c1e";

    @RegisterExtension
    static final LocalRegistry source = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destination = new LocalRegistry().withBasicAuth("deployer", PASSWORD);

    @TempDir
    Path dir;

    private MockKubernetesCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = MockKubernetesCluster.start();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void ecrPromote_copiesTheSourceDigest_andKeepsThePasswordOutOfTheBuild(JenkinsRule r) throws Exception {
        PushedImage image = new ImageFixtures(source).pushDockerImage("shop/web", "test", 2, 4096);
        StoredTestCredentials.usernamePassword("prod-login", "deployer", PASSWORD);
        WorkflowJob job = job(
                r,
                "def copied = ecrPromote(source: '" + source(image) + "', destination: '"
                        + destination.hostPort() + "/shop/web:prod', registryCredentialsId: 'prod-login')\n"
                        + "echo \"promoted ${copied.digest}\"");

        WorkflowRun build = r.buildAndAssertSuccess(job);

        r.assertLogContains("promoted " + image.digest(), build);
        assertEquals(Optional.of(image.digest()), new ImageFixtures(destination).tagDigest("shop/web", "prod"));
        assertFalse(StoredTestCredentials.leftOnDisk(build, PASSWORD), "the password is in the build's folder");
        assertTrue(Files.readString(StoredTestCredentials.releaseJson(build).toPath())
                .contains(image.digest().toString()));
    }

    @Test
    void requireApproval_withoutDeploymentTestsOrApproval_refusesBeforeCopying(JenkinsRule r) throws Exception {
        PushedImage image = new ImageFixtures(source).pushDockerImage("shop/api", "test", 1, 1024);
        StoredTestCredentials.usernamePassword("prod-login", "deployer", PASSWORD);
        WorkflowJob job = job(
                r,
                "ecrPromote(source: '" + source(image) + "', destination: '" + destination.hostPort()
                        + "/shop/api:prod', registryCredentialsId: 'prod-login', requireApproval: true)");

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("refused", build);
        assertEquals(Optional.empty(), new ImageFixtures(destination).tagDigest("shop/api", "prod"));
    }

    @Test
    void requireApproval_approvedByAnotherUserAfterTheTests_promotes(JenkinsRule r) throws Exception {
        PushedImage image = new ImageFixtures(source).pushDockerImage("shop/cart", "test", 1, 1024);
        WorkflowRun build = deployTestAndApprove(r, image, "cart", "alice", "bob");

        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        assertEquals(Optional.of(image.digest()), new ImageFixtures(destination).tagDigest("shop/cart", "prod"));
        // The input's message, printed when it paused: the evidence of this build's deployment and test run.
        r.assertLogContains("namespace shop: succeeded", build);
        r.assertLogContains("Tested: passed", build);
        r.assertLogContains("Promotion now: refused", build);
    }

    @Test
    void forbidSelfApproval_approvedByTheStarter_refusesBeforeCopying(JenkinsRule r) throws Exception {
        PushedImage image = new ImageFixtures(source).pushDockerImage("shop/search", "test", 1, 1024);
        WorkflowRun build = deployTestAndApprove(r, image, "search", "alice", "alice");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(build));
        r.assertLogContains("refused", build);
        assertEquals(Optional.empty(), new ImageFixtures(destination).tagDigest("shop/search", "prod"));
    }

    /**
     * Starts a build as {@code starter} that deploys the image to the mock cluster, runs a passing suite, waits at an
     * {@code input} that {@code approver} answers, then promotes with requireApproval and forbidSelfApproval.
     */
    private WorkflowRun deployTestAndApprove(
            JenkinsRule r, PushedImage image, String name, String starter, String approver) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to(starter, approver));
        StoredTestCredentials.usernamePassword("prod-login", "deployer", PASSWORD);
        StoredTestCredentials.secretFile("test-cluster", cluster.writeKubeconfig(dir));
        String repository = source.hostPort() + "/shop/" + name;
        String manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\nspec:\n  selector:\n"
                + "    matchLabels: {app: " + name + "}\n  template:\n    metadata:\n      labels: {app: " + name
                + "}\n"
                + "    spec:\n      containers:\n      - name: " + name + "\n        image: " + repository
                + ":latest\n";
        String junit = "<testsuite name=\"e2e\" tests=\"1\"><testcase classname=\"Shop\" name=\"opens\"/></testsuite>";
        WorkflowJob job = job(
                r,
                "node {\n"
                        + "  writeFile file: 'k8s/app.yaml', text: '''" + manifest + "'''\n"
                        + "  eksDeploy(manifests: 'k8s/', namespace: 'shop', kubeconfigCredentialsId: 'test-cluster',"
                        + " images: ['" + repository + "': '" + source(image) + "'], timeout: '1m')\n"
                        + "  seleniumTest(command: \"mkdir -p e2e && echo '" + junit + "' > e2e/TEST-e2e.xml\","
                        + " reports: 'e2e/TEST-*.xml', digest: '" + image.digest() + "')\n"
                        + "  input id: 'Release', message: 'Promote?\\n' + releaseEvidence(digest: '" + image.digest()
                        + "')\n"
                        + "  ecrPromote(source: '" + source(image) + "', destination: '" + destination.hostPort()
                        + "/shop/"
                        + name
                        + ":prod', registryCredentialsId: 'prod-login',"
                        + " requireApproval: true, forbidSelfApproval: true)\n"
                        + "}");
        WorkflowRun build = job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause(starter)))
                .waitForStart();
        r.waitForMessage("Promote?", build);
        InputStepExecution input = build.getAction(InputAction.class).getExecution("Release");
        try (ACLContext as = ACL.as(User.getById(approver, true))) {
            input.proceed(Map.of());
        }
        return build;
    }

    private static WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static String source(PushedImage image) {
        return source.hostPort() + "/" + image.repository() + "@" + image.digest();
    }
}
