package io.jenkins.plugins.awsdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import io.jenkins.plugins.awsdelivery.engine.api.PushRequest;
import io.jenkins.plugins.awsdelivery.engine.api.PushResult;
import io.jenkins.plugins.awsdelivery.engine.api.RegistryAccess;
import io.jenkins.plugins.awsdelivery.engine.record.PushEntry;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
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
 * {@code ecrPush(repository: 'shop/web', tags: [env.GIT_COMMIT])}: builds the image with docker on the agent, pushes
 * every tag to ECR (or another registry), and returns {@code registry, repository, tags, digest, imageUri}.
 */
public final class EcrPushStep extends Step {
    private final String repository;
    private String context = ".";
    private String dockerfile;
    private List<String> tags = List.of();
    private Map<String, String> buildArgs = Map.of();
    private Map<String, String> labels = Map.of();
    private String target;
    private String region;
    private String registryId;
    private String credentialsId;
    private String roleArn;
    private boolean createRepository;
    private String scanSeverityThreshold;
    private boolean scanFailureIsWarning;
    private String registryCredentialsId;
    private List<String> insecureRegistries = List.of();
    private String caFile;

    /** @param repository an ECR repository name such as {@code shop/web}, or {@code host[:port]/repo} */
    @DataBoundConstructor
    public EcrPushStep(String repository) {
        this.repository = repository;
    }

    public String getRepository() {
        return repository;
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = context == null || context.isBlank() ? "." : context;
    }

    public String getDockerfile() {
        return dockerfile;
    }

    @DataBoundSetter
    public void setDockerfile(String dockerfile) {
        this.dockerfile = Values.blankToNull(dockerfile);
    }

    public List<String> getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(Object tags) {
        this.tags = Values.paths(tags);
    }

    public Map<String, String> getBuildArgs() {
        return buildArgs;
    }

    @DataBoundSetter
    public void setBuildArgs(Object buildArgs) {
        this.buildArgs = Values.pairs(buildArgs);
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(Object labels) {
        this.labels = Values.pairs(labels);
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = Values.blankToNull(target);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Values.blankToNull(region);
    }

    public String getRegistryId() {
        return registryId;
    }

    @DataBoundSetter
    public void setRegistryId(String registryId) {
        this.registryId = Values.blankToNull(registryId);
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

    public boolean isCreateRepository() {
        return createRepository;
    }

    @DataBoundSetter
    public void setCreateRepository(boolean createRepository) {
        this.createRepository = createRepository;
    }

    public String getScanSeverityThreshold() {
        return scanSeverityThreshold;
    }

    @DataBoundSetter
    public void setScanSeverityThreshold(String scanSeverityThreshold) {
        this.scanSeverityThreshold = Values.blankToNull(scanSeverityThreshold);
    }

    public boolean isScanFailureIsWarning() {
        return scanFailureIsWarning;
    }

    @DataBoundSetter
    public void setScanFailureIsWarning(boolean scanFailureIsWarning) {
        this.scanFailureIsWarning = scanFailureIsWarning;
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Values.blankToNull(registryCredentialsId);
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

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("ecrPush")
    public static final class DescriptorImpl extends AwsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "ecrPush";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Build an image and push it to Amazon ECR";
        }

        @POST
        public ListBoxModel doFillRegistryCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String registryCredentialsId) {
            return CredentialsItems.usernamePassword(item, registryCredentialsId);
        }

        @POST
        public FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String repository) {
            return ParameterChecks.reference(item, "repository", repository);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient EcrPushStep step;

        Execution(EcrPushStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            List<Secret> secrets = new ArrayList<>();
            AwsSettings aws = AwsCredentialsLookup.settings(
                    run, "credentialsId", step.credentialsId, step.region, step.roleArn, secrets);
            var login =
                    StoredCredentials.registryLogin(run, "registryCredentialsId", step.registryCredentialsId, secrets);
            PushRequest request = Requests.build(() -> {
                PushRequest.Builder builder = PushRequest.builder()
                        .context(step.context)
                        .dockerfile(step.dockerfile)
                        .tags(step.tags)
                        .buildArgs(step.buildArgs)
                        .labels(step.labels)
                        .target(step.target)
                        .registryId(step.registryId)
                        .createRepository(step.createRepository)
                        .scanSeverityThreshold(step.scanSeverityThreshold)
                        .scanFailureIsWarning(step.scanFailureIsWarning)
                        .aws(aws)
                        .login(login)
                        .access(RegistryAccess.of(step.caFile, step.insecureRegistries))
                        // the step's one repository parameter becomes either API field
                        .names(ParameterNames.of(Map.of("ecrRepository", "repository")));
                if (step.repository != null && PushRequest.namesRegistry(step.repository)) {
                    builder.repository(step.repository);
                } else {
                    builder.ecrRepository(step.repository);
                }
                return builder.build();
            });
            Map<String, Object> result =
                    new Call(getContext(), secrets, request).runIn(getContext().get(FilePath.class));
            ReleaseRecordAction.append(
                    run,
                    PushEntry.of(
                            Instant.now(),
                            Values.string(result, "registry"),
                            Values.string(result, "repository"),
                            Values.strings(result, "tags"),
                            Values.string(result, "digest")));
            return result;
        }
    }

    static final class Call extends EngineCall.ToMap<PushRequest> {
        private static final long serialVersionUID = 1L;

        Call(StepContext context, Collection<Secret> secrets, PushRequest request)
                throws IOException, InterruptedException {
            super(context, secrets, request);
        }

        @Override
        protected PushResult result(DeliveryContext context, PushRequest request) {
            return Delivery.push(context, request);
        }
    }
}
