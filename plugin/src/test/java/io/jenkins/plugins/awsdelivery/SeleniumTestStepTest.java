package io.jenkins.plugins.awsdelivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.tasks.junit.TestResultAction;
import java.io.File;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code seleniumTest} with a suite command that writes Surefire-style JUnit XML (one pass, one failure): the junit
 * plugin's own result action counts them, the build becomes UNSTABLE as with the {@code junit} step, and the static
 * report is in the build folder and served from the build page.
 */
@WithJenkins
class SeleniumTestStepTest {
    private static final String REPORT = "<testsuite name=\"Shop\" tests=\"2\" failures=\"1\">"
            + "<testcase classname=\"Shop\" name=\"opens\"/>"
            + "<testcase classname=\"Shop\" name=\"pays\"><failure message=\"no button\"/></testcase>"
            + "</testsuite>";

    @Test
    void seleniumTest_withAFailingTest_publishesTheResultsAndMarksTheBuildUnstable(JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "");

        r.assertBuildStatus(Result.UNSTABLE, build);
        TestResultAction tests = build.getAction(TestResultAction.class);
        assertEquals(2, tests.getTotalCount());
        assertEquals(1, tests.getFailCount());
        r.assertLogContains("tests=2 failed=1 report=", build);
        SeleniumReportAction report = build.getAction(SeleniumReportAction.class);
        assertNotNull(report);
        assertTrue(new File(SeleniumReportAction.folder(build, 1), "index.html").isFile());
        r.createWebClient().goTo(build.getUrl() + report.getUrlName() + "/index.html");
    }

    @Test
    void seleniumTest_failOnFailures_failsTheBuild(JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, ", failOnFailures: true");

        r.assertBuildStatus(Result.FAILURE, build);
        assertEquals(1, build.getAction(TestResultAction.class).getFailCount());
    }

    private static WorkflowRun run(JenkinsRule r, String options) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  def result = seleniumTest(command: \"mkdir -p e2e && echo '" + REPORT
                        + "' > e2e/TEST-shop.xml\", reports: 'e2e/TEST-*.xml', digest: 'sha256:" + "e".repeat(64)
                        + "'" + options + ")\n"
                        + "  echo \"tests=${result.tests} failed=${result.failed} report=${result.reportUrl}\"\n"
                        + "}",
                true));
        return r.waitForCompletion(job.scheduleBuild2(0).waitForStart());
    }
}
