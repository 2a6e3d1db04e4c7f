package io.jenkins.plugins.awsdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.EcsDeployRequest;
import io.jenkins.plugins.awsdelivery.engine.api.EcsDeployResult;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.IOException;
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
 * {@code ecsDeploy(cluster: 'test', service: 'web', images: [web: image.imageUri])}: a new revision of the service's
 * task definition with the named containers pinned to digests, then an honest wait (rollout COMPLETED, running tasks
 * on the pinned digests; a circuit-breaker rollback is a failure).
 */
public final class EcsDeployStep extends Step {
    private final String cluster;
    private final String service;
    private final Map<String, String> images;
    private String taskDefinition;
    private String region;
    private String credentialsId;
    private String roleArn;
    private String timeout = "15m";
    private boolean rollbackOnFailure;

    /** @param images container name → reference with a digest: a map, or {@code NAME=REFERENCE} lines */
    @DataBoundConstructor
    public EcsDeployStep(String cluster, String service, Object images) {
        this.cluster = cluster;
        this.service = service;
        this.images = Values.pairs(images);
    }

    public String getCluster() {
        return cluster;
    }

    public String getService() {
        return service;
    }

    public Map<String, String> getImages() {
        return images;
    }

    public String getTaskDefinition() {
        return taskDefinition;
    }

    @DataBoundSetter
    public void setTaskDefinition(String taskDefinition) {
        this.taskDefinition = Values.blankToNull(taskDefinition);
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
        this.timeout = timeout == null || timeout.isBlank() ? "15m" : timeout;
    }

    public boolean isRollbackOnFailure() {
        return rollbackOnFailure;
    }

    @DataBoundSetter
    public void setRollbackOnFailure(boolean rollbackOnFailure) {
        this.rollbackOnFailure = rollbackOnFailure;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("ecsDeploy")
    public static final class DescriptorImpl extends AwsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "ecsDeploy";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Deploy a new task definition revision to an Amazon ECS service and wait for it";
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String timeout) {
            return ParameterChecks.duration(item, "timeout", timeout);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient EcsDeployStep step;

        Execution(EcsDeployStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            List<Secret> secrets = new ArrayList<>();
            AwsSettings aws = AwsCredentialsLookup.settings(
                    run, "credentialsId", step.credentialsId, step.region, step.roleArn, secrets);
            EcsDeployRequest request = Requests.build(() -> EcsDeployRequest.builder()
                    .cluster(step.cluster)
                    .service(step.service)
                    .images(step.images)
                    .taskDefinition(step.taskDefinition)
                    .aws(aws)
                    .timeout(step.timeout)
                    .rollbackOnFailure(step.rollbackOnFailure)
                    .build());
            Map<String, Object> result;
            try {
                result = new Call(getContext(), secrets, request)
                        .runIn(getContext().get(FilePath.class));
            } catch (EngineCall.Failure failure) {
                ReleaseEntries.ecsDeployment(run, failure.partialResult(), false);
                throw failure;
            }
            ReleaseEntries.ecsDeployment(run, result, true);
            return result;
        }
    }

    static final class Call extends EngineCall.ToMap<EcsDeployRequest> {
        private static final long serialVersionUID = 1L;

        Call(StepContext context, Collection<Secret> secrets, EcsDeployRequest request)
                throws IOException, InterruptedException {
            super(context, secrets, request);
        }

        @Override
        protected EcsDeployResult result(DeliveryContext context, EcsDeployRequest request) {
            return Delivery.ecsDeploy(context, request);
        }
    }
}
