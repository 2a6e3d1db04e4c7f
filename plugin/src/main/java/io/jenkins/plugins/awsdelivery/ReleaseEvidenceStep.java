package io.jenkins.plugins.awsdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalDecision;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalPolicy;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalRules;
import io.jenkins.plugins.awsdelivery.engine.record.DeployedResource;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentEntry;
import io.jenkins.plugins.awsdelivery.engine.record.PushEntry;
import io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecord;
import io.jenkins.plugins.awsdelivery.engine.record.TestRunEntry;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code input message: releaseEvidence()}: the evidence an approver needs, as text for the {@code input} prompt: the
 * image, where this build deployed it, the test counts with the report's link, and what the approval policy
 * ({@code requireApproval} with {@code requireTestsPassed}) says about the digest right now.
 */
public final class ReleaseEvidenceStep extends Step {
    private String digest;

    @DataBoundConstructor
    public ReleaseEvidenceStep() {}

    public String getDigest() {
        return digest;
    }

    /** @param digest {@code sha256:…} or a reference with a digest; default the build's last pushed digest */
    @DataBoundSetter
    public void setDigest(String digest) {
        this.digest = Values.blankToNull(digest);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("releaseEvidence")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "releaseEvidence";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Release evidence for an input message";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FlowNode.class);
        }
    }

    /** Reads only the build's record on the controller: quick, so it runs synchronously. */
    static final class Execution extends SynchronousStepExecution<String> {
        private static final long serialVersionUID = 1L;

        private final transient ReleaseEvidenceStep step;

        Execution(ReleaseEvidenceStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            ReleaseRecord record = InputApprovals.recordIn(
                    run, getContext().get(FlowNode.class).getExecution());
            String wanted = step.digest != null
                    ? SeleniumTestStep.digestOf(step.digest)
                    : SeleniumTestStep.lastPushedDigest(run);
            if (wanted == null) {
                throw new AbortException("digest: this build pushed no image; name the digest under approval");
            }
            Digest digest;
            try {
                digest = Digest.parse("digest", wanted);
            } catch (DeliveryException e) {
                throw new AbortException(e.getMessage());
            }
            return evidence(record, digest, InputApprovals.startedBy(run));
        }
    }

    static String evidence(ReleaseRecord record, Digest digest, String startedBy) {
        StringBuilder text = new StringBuilder();
        for (PushEntry push : record.entries(PushEntry.class)) {
            if (push.digest().equals(digest)) {
                text.append("Image: ").append(push.imageUri());
                if (!push.tags().isEmpty()) {
                    text.append(" (tags ")
                            .append(String.join(", ", push.tags()))
                            .append(')');
                }
                text.append('\n');
            }
        }
        if (text.length() == 0) {
            text.append("Image: ").append(digest).append('\n');
        }
        for (DeploymentEntry deployment : record.entries(DeploymentEntry.class)) {
            if (deployment.deployed(digest)) {
                text.append("Deployed to ")
                        .append(deployment.target().describe())
                        .append(": ")
                        .append(deployment.outcome().description());
                if (!deployment.resources().isEmpty()) {
                    text.append(" (")
                            .append(deployment.resources().stream()
                                    .map(DeployedResource::describe)
                                    .collect(Collectors.joining(", ")))
                            .append(')');
                }
                text.append('\n');
            }
        }
        for (TestRunEntry tests : record.entries(TestRunEntry.class)) {
            if (tests.digest().equals(digest)) {
                text.append("Tests: ").append(tests.counts());
                if (tests.reportUrl() != null) {
                    text.append("; report ").append(tests.reportUrl());
                }
                text.append('\n');
            }
        }
        ApprovalDecision decision = new ApprovalPolicy(ApprovalRules.builder()
                        .requireApproval(true)
                        .requireTestsPassed(true)
                        .build())
                .decide(record, digest, startedBy);
        text.append("Policy now: ").append(decision.message());
        return text.toString();
    }
}
