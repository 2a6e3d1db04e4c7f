package io.jenkins.plugins.awsdelivery;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What the form of every step with {@code credentialsId}, {@code region} and {@code roleArn} offers: the AWS
 * credential drop-down and the engine's checks of the region and the role ARN. Such a step reads the build, the
 * workspace, the console and the build's environment.
 */
abstract class AwsStepDescriptor extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return CredentialsItems.aws(item, credentialsId);
    }

    @POST
    public FormValidation doCheckRegion(@AncestorInPath Item item, @QueryParameter String region) {
        return ParameterChecks.region(item, region);
    }

    @POST
    public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String roleArn) {
        return ParameterChecks.roleArn(item, "roleArn", roleArn);
    }
}
