package io.example.steps;

import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

@Symbol("eksDeploy")
public final class EksDeployStep extends Step {
    private final Object manifests;
    private final String namespace;

    @DataBoundSetter
    private Map<String, String> images;

    @DataBoundConstructor
    public EksDeployStep(Object manifests, String namespace) {
        this.manifests = manifests;
        this.namespace = namespace;
    }

    @Override
    public StepExecution start(StepContext context) {
        throw new UnsupportedOperationException("fixture");
    }
}
