package io.jenkins.plugins.awsdelivery;

import hudson.model.Run;
import io.jenkins.plugins.awsdelivery.engine.api.Validation;
import io.jenkins.plugins.awsdelivery.engine.record.DeployedResource;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentEntry;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentOutcome;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentTarget;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The release-record entries of the steps' results, appended on the controller once the agent call returned. */
final class ReleaseEntries {
    private ReleaseEntries() {}

    /**
     * A Kubernetes deployment, successful or not; nothing when the deploy failed before it knew its target. Without
     * a cluster name (a kubeconfig), the target is named {@code kubeconfig}.
     */
    static void kubernetesDeployment(Run<?, ?> run, Map<String, Object> result, boolean succeeded, boolean dryRun)
            throws IOException {
        String namespace = Values.string(result, "namespace");
        if (namespace == null) {
            return;
        }
        String cluster = Values.string(result, "cluster");
        List<DeployedResource> rolledBack = resources(result.get("rolledBack"));
        DeploymentEntry entry = DeploymentEntry.builder()
                .time(Instant.now())
                .target(DeploymentTarget.kubernetes(cluster == null ? "kubeconfig" : cluster, namespace))
                .resources(resources(result.get("resources")))
                .rolledBack(rolledBack)
                .images(Values.map(result, "images"))
                .outcome(outcome(dryRun, succeeded, !rolledBack.isEmpty()))
                .build();
        ReleaseRecordAction.append(run, entry);
    }

    /** An ECS service deployment: the new task definition revision, and whether it was rolled back. */
    static void ecsDeployment(Run<?, ?> run, Map<String, Object> result, boolean succeeded) throws IOException {
        String cluster = Values.string(result, "cluster");
        String service = Values.string(result, "service");
        if (cluster == null || service == null) {
            return;
        }
        String taskDefinition = Values.string(result, "taskDefinitionArn");
        DeploymentEntry.Builder entry = DeploymentEntry.builder()
                .time(Instant.now())
                .target(DeploymentTarget.ecs(cluster, service))
                .images(Values.map(result, "images"))
                .outcome(outcome(false, succeeded, Boolean.TRUE.equals(result.get("rolledBack"))));
        if (taskDefinition != null) {
            entry.resource(DeployedResource.of("TaskDefinition", taskDefinition, null));
        }
        ReleaseRecordAction.append(run, entry.build());
    }

    /**
     * A CloudFormation stack deployment: the stack is the target, each change a resource, and every template parameter
     * whose value names a digest ({@code sha256:…} or a reference with one) an image the stack now runs. A change set
     * that was not executed changed nothing, as a dry run.
     */
    static void stackDeployment(
            Run<?, ?> run,
            Map<String, Object> result,
            Map<String, String> parameters,
            boolean succeeded,
            boolean executed)
            throws IOException {
        String stack = Values.string(result, "stack");
        if (stack == null) {
            return;
        }
        String status = Values.string(result, "status");
        DeploymentEntry.Builder entry = DeploymentEntry.builder()
                .time(Instant.now())
                .target(DeploymentTarget.cloudFormation(stack))
                .outcome(outcome(!executed, succeeded, status != null && status.contains("ROLLBACK")));
        parameters.values().forEach(value -> Validation.digestOf(value).ifPresent(entry::digest));
        if (result.get("changes") instanceof List<?> changes) {
            for (Object change : changes) {
                if (change instanceof Map<?, ?> resource && resource.get("logicalId") != null) {
                    entry.resource(DeployedResource.of(
                            String.valueOf(resource.get("type")), String.valueOf(resource.get("logicalId")), null));
                }
            }
        }
        ReleaseRecordAction.append(run, entry.build());
    }

    /** A dry run changed nothing whatever it found; a failure is a rollback when the previous state was restored. */
    private static DeploymentOutcome outcome(boolean dryRun, boolean succeeded, boolean rolledBack) {
        if (dryRun) {
            return DeploymentOutcome.DRY_RUN;
        }
        if (succeeded) {
            return DeploymentOutcome.SUCCEEDED;
        }
        return rolledBack ? DeploymentOutcome.ROLLED_BACK : DeploymentOutcome.FAILED;
    }

    private static List<DeployedResource> resources(Object value) {
        List<DeployedResource> resources = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> resource) {
                    resources.add(DeployedResource.of(
                            String.valueOf(resource.get("kind")),
                            String.valueOf(resource.get("name")),
                            resource.get("revision") == null ? null : String.valueOf(resource.get("revision"))));
                }
            }
        }
        return resources;
    }
}
