package io.example.steps;

import hudson.Extension;
import java.util.List;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

public final class EcrPushStep extends Step {
    private final String repository;
    private List<String> tags = List.of();

    @DataBoundConstructor
    public EcrPushStep(String repository) {
        this.repository = repository;
    }

    public String getRepository() {
        return repository;
    }

    @DataBoundSetter
    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public List<String> getTags() {
        return tags;
    }

    @Override
    public StepExecution start(StepContext context) {
        throw new UnsupportedOperationException("fixture");
    }

    @Extension
    @Symbol("ecrPush")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "ecrPush";
        }

        @Override
        public Set<Class<?>> getRequiredContext() {
            return Set.of();
        }
    }
}
