package io.jenkins.plugins.awsdelivery.engine.record;

/** How a deployment ended. Only {@link #SUCCEEDED} means the target now runs what was deployed. */
public enum DeploymentOutcome {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    /** It failed and the previous revision was restored. */
    ROLLED_BACK("failed and was rolled back"),
    /** Nothing was changed: the deployment was only checked. */
    DRY_RUN("dry run (nothing changed)");

    private final String description;

    DeploymentOutcome(String description) {
        this.description = description;
    }

    /** Lower-case words for a sentence: "succeeded", "failed and was rolled back". */
    public String description() {
        return description;
    }
}
