package io.jenkins.plugins.awsdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import io.jenkins.plugins.awsdelivery.engine.api.CfnDeployRequest;
import io.jenkins.plugins.awsdelivery.engine.api.CfnDeployResult;
import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * {@code cfnDeploy(stack: 'shop-prod', template: 'cfn/service.yaml', parameters: [ImageUri: image.imageUri])}: a
 * CloudFormation change set (create or update), executed unless {@code execute: false}, then a wait for the stack; a
 * change set without changes is a success, a rollback or a failed status a failure naming the first failed resource.
 */
public final class CfnDeployStep extends Step {
    private final String stack;
    private final String template;
    private Map<String, String> parameters = new LinkedHashMap<>();
    private List<String> capabilities = new ArrayList<>();
    private Map<String, String> tags = new LinkedHashMap<>();
    private String cfnRoleArn;
    private String region;
    private String credentialsId;
    private String roleArn;
    private String timeout = "30m";
    private boolean execute = true;

    /** @param template the template file (JSON or YAML), relative to the workspace */
    @DataBoundConstructor
    public CfnDeployStep(String stack, String template) {
        this.stack = stack;
        this.template = template;
    }

    public String getStack() {
        return stack;
    }

    public String getTemplate() {
        return template;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    /** @param parameters template parameter → value: a map, or {@code NAME=VALUE} lines */
    @DataBoundSetter
    public void setParameters(Object parameters) {
        this.parameters = Values.pairs(parameters);
    }

    public List<String> getCapabilities() {
        return capabilities;
    }

    /** @param capabilities {@code CAPABILITY_IAM} and the like: a list, or one String (commas or new lines) */
    @DataBoundSetter
    public void setCapabilities(Object capabilities) {
        this.capabilities = Values.paths(capabilities);
    }

    public Map<String, String> getTags() {
        return tags;
    }

    /** @param tags stack tags: a map, or {@code NAME=VALUE} lines */
    @DataBoundSetter
    public void setTags(Object tags) {
        this.tags = Values.pairs(tags);
    }

    public String getCfnRoleArn() {
        return cfnRoleArn;
    }

    @DataBoundSetter
    public void setCfnRoleArn(String cfnRoleArn) {
        this.cfnRoleArn = Values.blankToNull(cfnRoleArn);
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

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout == null || timeout.isBlank() ? "30m" : timeout;
    }

    public boolean isExecute() {
        return execute;
    }

    @DataBoundSetter
    public void setExecute(boolean execute) {
        this.execute = execute;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("cfnDeploy")
    public static final class DescriptorImpl extends AwsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "cfnDeploy";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Deploy an AWS CloudFormation stack through a change set and wait for it";
        }

        @POST
        public FormValidation doCheckCfnRoleArn(@AncestorInPath Item item, @QueryParameter String cfnRoleArn) {
            return ParameterChecks.roleArn(item, "cfnRoleArn", cfnRoleArn);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String timeout) {
            return ParameterChecks.duration(item, "timeout", timeout);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient CfnDeployStep step;

        Execution(CfnDeployStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            List<Secret> secrets = new ArrayList<>();
            AwsSettings aws = AwsCredentialsLookup.settings(
                    run, "credentialsId", step.credentialsId, step.region, step.roleArn, secrets);
            CfnDeployRequest request = Requests.build(() -> CfnDeployRequest.builder()
                    .stack(step.stack)
                    .template(step.template)
                    .parameters(step.parameters)
                    .capabilities(step.capabilities)
                    .tags(step.tags)
                    .cfnRoleArn(step.cfnRoleArn)
                    .aws(aws)
                    .timeout(step.timeout)
                    .execute(step.execute)
                    .build());
            Map<String, Object> result;
            try {
                result = new Call(getContext(), secrets, request)
                        .runIn(getContext().get(FilePath.class));
            } catch (EngineCall.Failure failure) {
                ReleaseEntries.stackDeployment(run, failure.partialResult(), step.parameters, false, step.execute);
                throw failure;
            }
            ReleaseEntries.stackDeployment(run, result, step.parameters, true, step.execute);
            return result;
        }
    }

    static final class Call extends EngineCall.ToMap<CfnDeployRequest> {
        private static final long serialVersionUID = 1L;

        Call(StepContext context, Collection<Secret> secrets, CfnDeployRequest request)
                throws IOException, InterruptedException {
            super(context, secrets, request);
        }

        @Override
        protected CfnDeployResult result(DeliveryContext context, CfnDeployRequest request) {
            return Delivery.cfnDeploy(context, request);
        }
    }
}
