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
import io.jenkins.plugins.awsdelivery.engine.api.DeployRequest;
import io.jenkins.plugins.awsdelivery.engine.api.DeployResult;
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
 * {@code eksDeploy(manifests: 'k8s/', namespace: 'shop', cluster: 'test', images: [web: image.imageUri])}: server-side
 * apply of the manifests with the images pinned to digests, then an honest wait for every rollout. The cluster is an
 * EKS cluster by name, a secret-file kubeconfig, or the {@code KUBECONFIG} of the build ({@code withKubeConfig}).
 */
public final class EksDeployStep extends Step {
    private final List<String> manifests;
    private final String namespace;
    private String cluster;
    private String kubeconfigCredentialsId;
    private String region;
    private String credentialsId;
    private String roleArn;
    private Map<String, String> images = Map.of();
    private String timeout = "5m";
    private boolean rollbackOnFailure;
    private boolean dryRun;

    /**
     * @param manifests files, folders or Ant-style patterns relative to the workspace: a list, or one String (several
     *     separated by commas or new lines)
     */
    @DataBoundConstructor
    public EksDeployStep(Object manifests, String namespace) {
        this.manifests = Values.paths(manifests);
        this.namespace = namespace;
    }

    public List<String> getManifests() {
        return manifests;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = Values.blankToNull(cluster);
    }

    public String getKubeconfigCredentialsId() {
        return kubeconfigCredentialsId;
    }

    @DataBoundSetter
    public void setKubeconfigCredentialsId(String kubeconfigCredentialsId) {
        this.kubeconfigCredentialsId = Values.blankToNull(kubeconfigCredentialsId);
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

    public Map<String, String> getImages() {
        return images;
    }

    @DataBoundSetter
    public void setImages(Object images) {
        this.images = Values.pairs(images);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout == null || timeout.isBlank() ? "5m" : timeout;
    }

    public boolean isRollbackOnFailure() {
        return rollbackOnFailure;
    }

    @DataBoundSetter
    public void setRollbackOnFailure(boolean rollbackOnFailure) {
        this.rollbackOnFailure = rollbackOnFailure;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("eksDeploy")
    public static final class DescriptorImpl extends AwsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "eksDeploy";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Deploy Kubernetes manifests to Amazon EKS and wait for the rollout";
        }

        @POST
        public ListBoxModel doFillKubeconfigCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String kubeconfigCredentialsId) {
            return CredentialsItems.secretFile(item, kubeconfigCredentialsId);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String timeout) {
            return ParameterChecks.duration(item, "timeout", timeout);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient EksDeployStep step;

        Execution(EksDeployStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            List<Secret> secrets = new ArrayList<>();
            AwsSettings aws = AwsCredentialsLookup.settings(
                    run, "credentialsId", step.credentialsId, step.region, step.roleArn, secrets);
            FilePath kubeconfig = null;
            try {
                if (step.cluster == null && step.kubeconfigCredentialsId != null) {
                    kubeconfig = StoredCredentials.kubeconfigFile(
                            run, "kubeconfigCredentialsId", step.kubeconfigCredentialsId, workspace);
                }
                String kubeconfigPath = kubeconfig == null ? null : kubeconfig.getRemote();
                DeployRequest request = Requests.build(() -> DeployRequest.builder()
                        .manifests(step.manifests)
                        .namespace(step.namespace)
                        .cluster(step.cluster)
                        .kubeconfig(kubeconfigPath)
                        .aws(aws)
                        .images(step.images)
                        .timeout(step.timeout)
                        .rollbackOnFailure(step.rollbackOnFailure)
                        .dryRun(step.dryRun)
                        .build());
                Map<String, Object> result;
                try {
                    result = new Call(getContext(), secrets, request).runIn(workspace);
                } catch (EngineCall.Failure failure) {
                    ReleaseEntries.kubernetesDeployment(run, failure.partialResult(), false, step.dryRun);
                    throw failure;
                }
                ReleaseEntries.kubernetesDeployment(run, result, true, step.dryRun);
                return result;
            } finally {
                if (kubeconfig != null) {
                    StoredCredentials.folder(kubeconfig).deleteRecursive();
                }
            }
        }
    }

    static final class Call extends EngineCall.ToMap<DeployRequest> {
        private static final long serialVersionUID = 1L;

        Call(StepContext context, Collection<Secret> secrets, DeployRequest request)
                throws IOException, InterruptedException {
            super(context, secrets, request);
        }

        @Override
        protected DeployResult result(DeliveryContext context, DeployRequest request) {
            return Delivery.deploy(context, request);
        }
    }
}
