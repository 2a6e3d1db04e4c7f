package io.jenkins.plugins.awsdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.PromoteRequest;
import io.jenkins.plugins.awsdelivery.engine.api.PromoteResult;
import io.jenkins.plugins.awsdelivery.engine.api.RegistryAccess;
import io.jenkins.plugins.awsdelivery.engine.api.Validation;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalDecision;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalPolicy;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalRules;
import io.jenkins.plugins.awsdelivery.engine.record.PromotionEntry;
import io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecord;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code ecrPromote(source: image.imageUri, destination: 'prod/web:1.4.2', requireApproval: true)}: copies exactly the
 * tested digest to another registry, keeping the digest. With approval rules, the engine's policy decides over the
 * build's release record first, and a refusal fails the step before anything is copied.
 */
public final class EcrPromoteStep extends Step {
    private final String source;
    private final String destination;
    private String region;
    private String credentialsId;
    private String roleArn;
    private String sourceCredentialsId;
    private String sourceRoleArn;
    private String registryCredentialsId;
    private String sourceRegistryCredentialsId;
    private boolean noClobber;
    private boolean dryRun;
    private int parallelism = 4;
    private List<String> insecureRegistries = List.of();
    private String caFile;
    private List<String> referrers = List.of("all");
    private boolean requireApproval;
    private boolean forbidSelfApproval;
    private int requiredApprovals = 1;
    private boolean requireTestsPassed;

    @DataBoundConstructor
    public EcrPromoteStep(String source, String destination) {
        this.source = source;
        this.destination = destination;
    }

    public String getSource() {
        return source;
    }

    public String getDestination() {
        return destination;
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Values.blankToNull(region);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Values.blankToNull(credentialsId);
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = Values.blankToNull(roleArn);
    }

    public String getSourceCredentialsId() {
        return sourceCredentialsId;
    }

    @DataBoundSetter
    public void setSourceCredentialsId(String sourceCredentialsId) {
        this.sourceCredentialsId = Values.blankToNull(sourceCredentialsId);
    }

    public String getSourceRoleArn() {
        return sourceRoleArn;
    }

    @DataBoundSetter
    public void setSourceRoleArn(String sourceRoleArn) {
        this.sourceRoleArn = Values.blankToNull(sourceRoleArn);
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Values.blankToNull(registryCredentialsId);
    }

    public String getSourceRegistryCredentialsId() {
        return sourceRegistryCredentialsId;
    }

    @DataBoundSetter
    public void setSourceRegistryCredentialsId(String sourceRegistryCredentialsId) {
        this.sourceRegistryCredentialsId = Values.blankToNull(sourceRegistryCredentialsId);
    }

    public boolean isNoClobber() {
        return noClobber;
    }

    @DataBoundSetter
    public void setNoClobber(boolean noClobber) {
        this.noClobber = noClobber;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public int getParallelism() {
        return parallelism;
    }

    @DataBoundSetter
    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public List<String> getInsecureRegistries() {
        return insecureRegistries;
    }

    @DataBoundSetter
    public void setInsecureRegistries(Object insecureRegistries) {
        this.insecureRegistries = Values.paths(insecureRegistries);
    }

    public String getCaFile() {
        return caFile;
    }

    @DataBoundSetter
    public void setCaFile(String caFile) {
        this.caFile = Values.blankToNull(caFile);
    }

    public List<String> getReferrers() {
        return referrers;
    }

    /** @param referrers {@code all}, {@code none}, or artifact types: a list, or one String (commas or new lines) */
    @DataBoundSetter
    public void setReferrers(Object referrers) {
        List<String> values = Values.paths(referrers);
        this.referrers = values.isEmpty() ? List.of("all") : values;
    }

    public boolean isRequireApproval() {
        return requireApproval;
    }

    @DataBoundSetter
    public void setRequireApproval(boolean requireApproval) {
        this.requireApproval = requireApproval;
    }

    public boolean isForbidSelfApproval() {
        return forbidSelfApproval;
    }

    @DataBoundSetter
    public void setForbidSelfApproval(boolean forbidSelfApproval) {
        this.forbidSelfApproval = forbidSelfApproval;
    }

    public int getRequiredApprovals() {
        return requiredApprovals;
    }

    @DataBoundSetter
    public void setRequiredApprovals(int requiredApprovals) {
        this.requiredApprovals = requiredApprovals;
    }

    public boolean isRequireTestsPassed() {
        return requireTestsPassed;
    }

    @DataBoundSetter
    public void setRequireTestsPassed(boolean requireTestsPassed) {
        this.requireTestsPassed = requireTestsPassed;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** The rules the step's parameters ask for; {@code requiredApprovals} counts only with {@code requireApproval}. */
    ApprovalRules rules() {
        return ApprovalRules.builder()
                .requireApproval(requireApproval)
                .forbidSelfApproval(forbidSelfApproval)
                .requiredApprovals(requiredApprovals)
                .requireTestsPassed(requireTestsPassed)
                .build();
    }

    boolean hasRules() {
        return requireApproval || forbidSelfApproval || requireTestsPassed;
    }

    @Extension
    @Symbol("ecrPromote")
    public static final class DescriptorImpl extends AwsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "ecrPromote";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Copy an image by digest to another registry (promotion)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class, FlowNode.class);
        }

        @POST
        public ListBoxModel doFillSourceCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String sourceCredentialsId) {
            return CredentialsItems.aws(item, sourceCredentialsId);
        }

        @POST
        public ListBoxModel doFillRegistryCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String registryCredentialsId) {
            return CredentialsItems.usernamePassword(item, registryCredentialsId);
        }

        @POST
        public ListBoxModel doFillSourceRegistryCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String sourceRegistryCredentialsId) {
            return CredentialsItems.usernamePassword(item, sourceRegistryCredentialsId);
        }

        @POST
        public FormValidation doCheckSource(@AncestorInPath Item item, @QueryParameter String source) {
            return ParameterChecks.reference(item, "source", source);
        }

        @POST
        public FormValidation doCheckDestination(@AncestorInPath Item item, @QueryParameter String destination) {
            return ParameterChecks.reference(item, "destination", destination);
        }

        @POST
        public FormValidation doCheckSourceRoleArn(@AncestorInPath Item item, @QueryParameter String sourceRoleArn) {
            return ParameterChecks.roleArn(item, "sourceRoleArn", sourceRoleArn);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient EcrPromoteStep step;

        Execution(EcrPromoteStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            ReleaseRecord record = InputApprovals.recordIn(
                    run, getContext().get(FlowNode.class).getExecution());
            if (step.hasRules()) {
                ApprovalDecision decision = decide(record, run);
                if (!decision.allowed()) {
                    throw new AbortException("ecrPromote refused " + step.source + ": " + decision.message());
                }
                listener.getLogger().println("ecrPromote: " + decision.message());
            }
            List<Secret> secrets = new ArrayList<>();
            AwsSettings destinationAws = AwsCredentialsLookup.settings(
                    run, "credentialsId", step.credentialsId, step.region, step.roleArn, secrets);
            AwsSettings sourceAws = step.sourceCredentialsId == null && step.sourceRoleArn == null
                    ? destinationAws
                    : AwsCredentialsLookup.settings(
                            run,
                            "sourceCredentialsId",
                            step.sourceCredentialsId,
                            step.region,
                            step.sourceRoleArn,
                            secrets);
            var sourceLogin = StoredCredentials.registryLogin(
                    run, "sourceRegistryCredentialsId", step.sourceRegistryCredentialsId, secrets);
            var destinationLogin =
                    StoredCredentials.registryLogin(run, "registryCredentialsId", step.registryCredentialsId, secrets);
            PromoteRequest request = Requests.build(() -> PromoteRequest.builder()
                    .source(step.source)
                    .destination(step.destination)
                    .sourceAws(sourceAws)
                    .destinationAws(destinationAws)
                    .sourceLogin(sourceLogin)
                    .destinationLogin(destinationLogin)
                    .access(RegistryAccess.of(step.caFile, step.insecureRegistries))
                    .noClobber(step.noClobber)
                    .dryRun(step.dryRun)
                    .parallelism(step.parallelism)
                    .referrers(step.referrers)
                    .build());
            Map<String, Object> result =
                    new Call(getContext(), secrets, request).runIn(getContext().get(FilePath.class));
            ReleaseRecordAction.append(
                    run,
                    PromotionEntry.builder()
                            .time(Instant.now())
                            .source(Values.string(result, "source"))
                            .destination(Values.string(result, "destination"))
                            .digest(Values.string(result, "digest"))
                            .blobsCopied((int) Values.number(result, "blobsCopied"))
                            .blobsMounted((int) Values.number(result, "blobsMounted"))
                            .blobsSkipped((int) Values.number(result, "blobsSkipped"))
                            .bytesCopied(Values.number(result, "bytesCopied"))
                            .dryRun(step.dryRun)
                            .build());
            return result;
        }

        /** The engine's policy over the build's record, for the digest the source names. */
        private ApprovalDecision decide(ReleaseRecord record, Run<?, ?> run) throws AbortException {
            Optional<String> invalid = Validation.reference("source", step.source);
            if (invalid.isPresent()) {
                throw new AbortException(invalid.get());
            }
            String digest = Validation.digestOf(step.source)
                    .orElseThrow(() -> new AbortException("source: " + step.source
                            + " has no digest; approval rules apply to a digest, so promote the imageUri"
                            + " (repository@sha256:…) that ecrPush returned"));
            ApprovalRules rules;
            try {
                rules = step.rules();
            } catch (RuntimeException e) {
                // The rules refuse a combination of these parameters with a message naming the parameter and the fix.
                throw new AbortException(e.getMessage());
            }
            return new ApprovalPolicy(rules).decide(record, digest, InputApprovals.startedBy(run));
        }
    }

    static final class Call extends EngineCall.ToMap<PromoteRequest> {
        private static final long serialVersionUID = 1L;

        Call(StepContext context, Collection<Secret> secrets, PromoteRequest request)
                throws IOException, InterruptedException {
            super(context, secrets, request);
        }

        @Override
        protected PromoteResult result(DeliveryContext context, PromoteRequest request) {
            return Delivery.promote(context, request);
        }
    }
}
