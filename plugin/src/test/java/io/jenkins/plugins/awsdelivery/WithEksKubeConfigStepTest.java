package io.jenkins.plugins.awsdelivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator;
import java.io.File;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * {@code withEksKubeConfig} against the EKS control-plane emulator: the body sees a private kubeconfig through
 * {@code KUBECONFIG}; the files are gone after the body, after an abort and after a controller restart in the middle of
 * the body; the AWS secret key is never in the build's folder.
 */
class WithEksKubeConfigStepTest {
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYKUBECONFIG";
    private static final Pattern KUBECONFIG = Pattern.compile("KUBECONFIG=(\\S+)");

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private static AwsEmulator aws;

    @BeforeAll
    static void startAws() throws Exception {
        aws = AwsEmulator.start();
        EksEmulator.register(aws).cluster("test", "https://127.0.0.1:6443", null);
    }

    @AfterAll
    static void stopAws() {
        aws.close();
    }

    @Test
    void body_seesAPrivateKubeconfig_andItIsDeletedAfterwards() throws Throwable {
        sessions.then(r -> {
            StoredTestCredentials.aws("aws-test", "AKIAKUBECONFIGTEST", SECRET_KEY);
            WorkflowRun build = r.buildAndAssertSuccess(job(
                    r,
                    "sh 'test -f \"$KUBECONFIG\" && stat -c %a \"$KUBECONFIG\" \"$(dirname \"$KUBECONFIG\")\"'\n"
                            + "sh 'grep -q \"server: https://127.0.0.1:6443\" \"$KUBECONFIG\"'"));

            r.assertLogContains("600", build);
            r.assertLogContains("700", build);
            assertFalse(new File(kubeconfigOf(r, build)).exists(), "the kubeconfig is left behind");
            assertFalse(StoredTestCredentials.leftOnDisk(build, SECRET_KEY), "the secret key is in the build's folder");
        });
    }

    @Test
    void abortedBody_stillDeletesTheKubeconfig() throws Throwable {
        sessions.then(r -> {
            StoredTestCredentials.aws("aws-test", "AKIAKUBECONFIGTEST", SECRET_KEY);
            WorkflowRun build =
                    job(r, "input message: 'Continue?'").scheduleBuild2(0).waitForStart();
            r.waitForMessage("Continue?", build);
            String kubeconfig = kubeconfigOf(r, build);
            assertTrue(new File(kubeconfig).exists());

            build.doStop();

            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));
            assertFalse(new File(kubeconfig).exists(), "the kubeconfig is left behind after an abort");
        });
    }

    @Test
    void restartInTheBody_rearmsTheRenewal_andTheFilesAreDeletedAtTheEnd() throws Throwable {
        String[] kubeconfig = new String[1];
        Instant[] beforeRestart = new Instant[1];
        sessions.then(r -> {
            StoredTestCredentials.aws("aws-test", "AKIAKUBECONFIGTEST", SECRET_KEY);
            WorkflowRun build = job(r, "input message: 'Continue?'\nsh 'test -f \"$KUBECONFIG\"'")
                    .scheduleBuild2(0)
                    .waitForStart();
            r.waitForMessage("Continue?", build);
            kubeconfig[0] = kubeconfigOf(r, build);
            beforeRestart[0] = Instant.now();
        });
        sessions.then(r -> {
            WorkflowJob job = r.jenkins.getItemByFullName("kube", WorkflowJob.class);
            WorkflowRun build = job.getBuildByNumber(1);
            // Waits until the build's program is loaded again, which resumes every running step execution.
            InputStepExecution input =
                    build.getAction(InputAction.class).getExecutions().get(0);
            String folder = new File(kubeconfig[0]).getParent();
            assertTrue(
                    TokenRenewals.armedAt(folder).orElseThrow().isAfter(beforeRestart[0]),
                    "the token renewal was not armed again after the restart");
            input.proceed(Map.of());

            r.assertBuildStatusSuccess(r.waitForCompletion(build));
            assertFalse(new File(kubeconfig[0]).exists(), "the kubeconfig is left behind after the restart");
            assertFalse(TokenRenewals.isScheduled(folder), "the renewal still runs after the body");
        });
    }

    private static WorkflowJob job(JenkinsRule r, String body) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "kube");
        job.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  withEnv(['AWS_ENDPOINT_URL=" + aws.endpoint() + "']) {\n"
                        + "    withEksKubeConfig(cluster: 'test', region: 'eu-west-1', credentialsId: 'aws-test') {\n"
                        + body + "\n"
                        + "    }\n"
                        + "  }\n"
                        + "}",
                true));
        return job;
    }

    /** The path the step printed ({@code withEksKubeConfig: KUBECONFIG=…}). */
    private static String kubeconfigOf(JenkinsRule r, WorkflowRun build) throws Exception {
        Matcher matcher = KUBECONFIG.matcher(JenkinsRule.getLog(build));
        assertTrue(matcher.find(), "the step did not say where the kubeconfig is");
        return matcher.group(1);
    }
}
