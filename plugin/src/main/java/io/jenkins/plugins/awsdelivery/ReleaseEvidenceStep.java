package io.jenkins.plugins.awsdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalEvidence;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalPolicy;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalRules;
import io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecord;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code input message: releaseEvidence()}: the evidence an approver needs, as text for the {@code input} prompt: the
 * image, where this build deployed it, the test counts with the report's link, and what the approval policy
 * ({@code requireApproval} with {@code requireTestsPassed}) says about the digest right now.
 */
public final class ReleaseEvidenceStep extends Step {
    /** What the evidence says the policy answers now: the rules of {@code ecrPromote(requireApproval: true, …)}. */
    private static final ApprovalPolicy EVIDENCE_POLICY = new ApprovalPolicy(ApprovalRules.builder()
            .requireApproval(true)
            .requireTestsPassed(true)
            .build());

    private String digest;
    private boolean oneLine;

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

    public boolean isOneLine() {
        return oneLine;
    }

    /** @param oneLine the same facts in one line, without the policy's answer (the "Paused for Input" page's heading) */
    @DataBoundSetter
    public void setOneLine(boolean oneLine) {
        this.oneLine = oneLine;
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

        @POST
        public FormValidation doCheckDigest(@AncestorInPath Item item, @QueryParameter String digest) {
            return ParameterChecks.digest(item, "digest", digest);
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
            String digest = ReleaseRecordAction.digestOrLastPush(run, step.digest);
            if (digest == null) {
                throw new AbortException("digest: this build pushed no image; name the digest under approval");
            }
            return step.oneLine
                    ? ApprovalEvidence.oneLine(record, digest)
                    : ApprovalEvidence.forDigest(record, digest, EVIDENCE_POLICY, InputApprovals.startedBy(run));
        }
    }
}
