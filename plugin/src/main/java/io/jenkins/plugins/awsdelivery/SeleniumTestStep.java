package io.jenkins.plugins.awsdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.junit.JUnitResultArchiver;
import hudson.tasks.junit.TestResultSummary;
import hudson.tasks.junit.pipeline.JUnitResultsStep;
import hudson.tasks.junit.pipeline.JUnitResultsStepExecution;
import hudson.tasks.test.PipelineTestDetails;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.SuiteRequest;
import io.jenkins.plugins.awsdelivery.engine.api.SuiteResult;
import io.jenkins.plugins.awsdelivery.engine.record.TestRunEntry;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seleniumTest(command: 'mvn -B -f e2e verify', baseUrl: url)}: runs the suite on the agent, publishes its
 * JUnit results (test pages, trend, stage marking), serves its static report from the build page, marks the build
 * UNSTABLE on failures (or fails it with {@code failOnFailures}) and returns the counts and the report's URL.
 */
public final class SeleniumTestStep extends Step {
    private final String command;
    private String baseUrl;
    private String reports = "**/TEST-*.xml";
    private List<String> screenshots = List.of();
    private String browser = "chromium";
    private boolean managedBrowser;
    private String timeout = "30m";
    private boolean failOnFailures;
    private String digest;

    @DataBoundConstructor
    public SeleniumTestStep(String command) {
        this.command = command;
    }

    public String getCommand() {
        return command;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    @DataBoundSetter
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = Values.blankToNull(baseUrl);
    }

    public String getReports() {
        return reports;
    }

    @DataBoundSetter
    public void setReports(String reports) {
        this.reports = reports == null || reports.isBlank() ? "**/TEST-*.xml" : reports;
    }

    public List<String> getScreenshots() {
        return screenshots;
    }

    @DataBoundSetter
    public void setScreenshots(Object screenshots) {
        this.screenshots = Values.paths(screenshots);
    }

    public String getBrowser() {
        return browser;
    }

    @DataBoundSetter
    public void setBrowser(String browser) {
        this.browser = browser == null || browser.isBlank() ? "chromium" : browser;
    }

    public boolean isManagedBrowser() {
        return managedBrowser;
    }

    @DataBoundSetter
    public void setManagedBrowser(boolean managedBrowser) {
        this.managedBrowser = managedBrowser;
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout == null || timeout.isBlank() ? "30m" : timeout;
    }

    public boolean isFailOnFailures() {
        return failOnFailures;
    }

    @DataBoundSetter
    public void setFailOnFailures(boolean failOnFailures) {
        this.failOnFailures = failOnFailures;
    }

    public String getDigest() {
        return digest;
    }

    @DataBoundSetter
    public void setDigest(String digest) {
        this.digest = Values.blankToNull(digest);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("seleniumTest")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "seleniumTest";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run a Selenium suite and publish its results";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class, Launcher.class, FlowNode.class);
        }

        @POST
        public FormValidation doCheckDigest(@AncestorInPath Item item, @QueryParameter String digest) {
            return ParameterChecks.digest(item, "digest", digest);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String timeout) {
            return ParameterChecks.duration(item, "timeout", timeout);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient SeleniumTestStep step;

        Execution(SeleniumTestStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            if (step.digest != null) {
                Values.digest("digest", step.digest); // refused before the suite runs, not after
            }
            FilePath reportFolder = StoredCredentials.privateFolder(workspace);
            try {
                SuiteRequest request = Requests.build(() -> SuiteRequest.builder()
                        .command(step.command)
                        .baseUrl(step.baseUrl)
                        .reports(Values.paths(step.reports))
                        .screenshots(step.screenshots)
                        .browser(step.browser)
                        .managedBrowser(step.managedBrowser)
                        .timeout(step.timeout)
                        .failOnFailures(step.failOnFailures)
                        .reportDirectory(reportFolder.getRemote())
                        .build());
                Map<String, Object> result;
                EngineCall.Failure failure = null;
                try {
                    result = new Call(getContext(), List.of(), request).runIn(workspace);
                } catch (EngineCall.Failure e) {
                    failure = e;
                    result = e.partialResult();
                }
                Map<String, Object> returned = publish(run, workspace, listener, reportFolder, result);
                if (failure != null) {
                    throw failure;
                }
                return returned;
            } finally {
                reportFolder.deleteRecursive();
            }
        }

        /** Copies the report, publishes the JUnit files the suite wrote, records the run; the step's return value. */
        private Map<String, Object> publish(
                Run<?, ?> run,
                FilePath workspace,
                TaskListener listener,
                FilePath reportFolder,
                Map<String, Object> result)
                throws IOException, InterruptedException {
            Map<String, Object> returned = new LinkedHashMap<>();
            for (String key : List.of("tests", "passed", "failed", "errors", "skipped", "flaky")) {
                returned.put(key, Values.number(result, key));
            }
            if (result.isEmpty()) {
                return returned;
            }
            int number;
            synchronized (run) {
                number = SeleniumReportAction.next(run);
                run.addAction(new SeleniumReportAction(number));
            }
            run.save();
            if (reportFolder.child("index.html").exists()) {
                reportFolder.copyRecursiveTo("**/*", new FilePath(SeleniumReportAction.folder(run, number)));
            }
            String reportUrl = absolute(run.getUrl() + "selenium-" + number + "/");
            returned.put("reportUrl", reportUrl);

            List<String> files = relativeTo(workspace, Values.strings(result, "reportFiles"));
            if (!files.isEmpty()) {
                JUnitResultsStep task = new JUnitResultsStep(String.join(",", files));
                task.setAllowEmptyResults(true);
                FlowNode node = getContext().get(FlowNode.class);
                List<FlowNode> enclosing = JUnitResultsStepExecution.getEnclosingStagesAndParallels(node);
                PipelineTestDetails details = new PipelineTestDetails();
                details.setNodeId(node.getId());
                details.setEnclosingBlocks(JUnitResultsStepExecution.getEnclosingBlockIds(enclosing));
                details.setEnclosingBlockNames(JUnitResultsStepExecution.getEnclosingBlockNames(enclosing));
                TestResultSummary summary = JUnitResultArchiver.parseAndSummarize(
                        task, details, run, workspace, getContext().get(Launcher.class), listener);
                // As the junit step does: failures mark the stage and the build UNSTABLE (failOnFailures fails it).
                if (summary.getFailCount() > 0 && !step.failOnFailures) {
                    node.addOrReplaceAction(
                            new WarningAction(Result.UNSTABLE).withMessage(summary.getFailCount() + " tests failed"));
                    run.setResult(Result.UNSTABLE);
                }
            }
            String digest = ReleaseRecordAction.digestOrLastPush(run, step.digest);
            if (digest == null) {
                listener.getLogger()
                        .println("seleniumTest: no digest given and none pushed in this build; the release record"
                                + " does not list this test run (set digest: to the image under test)");
                return returned;
            }
            ReleaseRecordAction.append(
                    run,
                    TestRunEntry.builder()
                            .time(Instant.now())
                            .digest(digest)
                            .tests((int) Values.number(result, "tests"))
                            .passed((int) Values.number(result, "passed"))
                            .failed((int) Values.number(result, "failed"))
                            .errors((int) Values.number(result, "errors"))
                            .skipped((int) Values.number(result, "skipped"))
                            .flaky((int) Values.number(result, "flaky"))
                            .baseUrl(step.baseUrl)
                            .reportUrl(reportUrl)
                            .build());
            return returned;
        }

        private static String absolute(String url) {
            String root = Jenkins.get().getRootUrl();
            return root == null ? "/" + url : root + url;
        }

        /** The JUnit files as patterns relative to the workspace, where the junit plugin looks for them. */
        private static List<String> relativeTo(FilePath workspace, List<String> files) {
            Path base = Path.of(workspace.getRemote());
            List<String> relative = new ArrayList<>();
            for (String file : files) {
                Path path = Path.of(file);
                relative.add(path.startsWith(base) ? base.relativize(path).toString() : file);
            }
            return relative;
        }
    }

    static final class Call extends EngineCall.ToMap<SuiteRequest> {
        private static final long serialVersionUID = 1L;

        Call(StepContext context, Collection<Secret> secrets, SuiteRequest request)
                throws IOException, InterruptedException {
            super(context, secrets, request);
        }

        @Override
        protected SuiteResult result(DeliveryContext context, SuiteRequest request) {
            return Delivery.suite(context, request);
        }
    }
}
