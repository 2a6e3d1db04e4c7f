package io.jenkins.plugins.awsdelivery.engine.ecs;

import io.jenkins.plugins.awsdelivery.engine.aws.Deadline;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Waits honestly for one deployment of a service. It succeeds only when that deployment is the PRIMARY one, its
 * {@code rolloutState} is COMPLETED, its running count equals its desired count, and every running task of its task
 * definition reports the pinned digest for each pinned container. It fails at once when the rollout is FAILED (the
 * deployment circuit breaker) or the deployment left the service, and when the deadline passes; a failure names the
 * stopped tasks' reasons.
 */
final class ServiceRollout {
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String IN_PROGRESS = "IN_PROGRESS";
    private static final int REASONS_SHOWN = 3;

    private final EcsCalls ecs;
    private final EventSink events;
    private final Duration pollInterval;

    ServiceRollout(EcsCalls ecs, EventSink events, Duration pollInterval) {
        this.ecs = ecs;
        this.events = events;
        this.pollInterval = pollInterval;
    }

    /** How a wait ended: the rollout state reached and, for a failure, why. */
    record Outcome(boolean succeeded, String rolloutState, String reason) {}

    /**
     * @param pins container name → digest ({@code sha256:…}) every running task must report; empty: no digest check
     */
    Outcome await(String deploymentId, String taskDefinitionArn, Map<String, String> pins, Deadline deadline) {
        String lastProgress = null;
        while (true) {
            Service service = ecs.describeService();
            Deployment deployment = service.deployments().stream()
                    .filter(d -> deploymentId.equals(d.id()))
                    .findFirst()
                    .orElse(null);
            if (deployment == null) {
                Deployment primary = primary(service);
                return new Outcome(
                        false,
                        FAILED,
                        "deployment " + deploymentId + " is no longer on the service"
                                + (primary == null
                                        ? ""
                                        : "; deployment " + primary.id() + " of " + revision(primary.taskDefinition())
                                                + " replaced it")
                                + stoppedTasks(taskDefinitionArn));
            }
            String state = deployment.rolloutStateAsString() == null ? IN_PROGRESS : deployment.rolloutStateAsString();
            if (FAILED.equals(state)) {
                return new Outcome(
                        false,
                        FAILED,
                        "rollout FAILED"
                                + (deployment.rolloutStateReason() == null
                                        ? ""
                                        : ": " + deployment.rolloutStateReason().strip())
                                + stoppedTasks(taskDefinitionArn));
            }
            int running = value(deployment.runningCount());
            int desired = value(deployment.desiredCount());
            if (COMPLETED.equals(state) && "PRIMARY".equals(deployment.status()) && running == desired) {
                List<Task> tasks = runningTasks(taskDefinitionArn);
                String mismatch = digestMismatch(tasks, taskDefinitionArn, pins);
                if (mismatch != null) {
                    return new Outcome(false, state, mismatch);
                }
                if (tasks.size() >= desired) {
                    return new Outcome(true, state, null);
                }
            }
            if (deadline.passed()) {
                return new Outcome(
                        false,
                        state,
                        "did not complete within " + deadline.timeout().toSeconds() + " s (rollout " + state + ", "
                                + running + " of " + desired + " tasks running, " + value(deployment.failedTasks())
                                + " failed to start)" + stoppedTasks(taskDefinitionArn));
            }
            String progress = state + ", " + running + "/" + desired + " running";
            if (!progress.equals(lastProgress)) {
                events.info("deployment " + deploymentId + " of " + revision(taskDefinitionArn) + ": " + progress);
                lastProgress = progress;
            }
            deadline.pause(pollInterval, "ECS deploy of service " + ecs.service() + ": waiting for " + deploymentId);
        }
    }

    static Deployment primary(Service service) {
        return service.deployments().stream()
                .filter(d -> "PRIMARY".equals(d.status()))
                .findFirst()
                .orElse(null);
    }

    /** {@code family:revision} of a task definition ARN, as the console shows it. */
    static String revision(String taskDefinitionArn) {
        if (taskDefinitionArn == null) {
            return null;
        }
        int slash = taskDefinitionArn.lastIndexOf('/');
        return slash < 0 ? taskDefinitionArn : taskDefinitionArn.substring(slash + 1);
    }

    private List<Task> runningTasks(String taskDefinitionArn) {
        return ecs.tasks(DesiredStatus.RUNNING).stream()
                .filter(task -> taskDefinitionArn.equals(task.taskDefinitionArn()))
                .filter(task -> "RUNNING".equals(task.lastStatus()))
                .toList();
    }

    private static String digestMismatch(List<Task> tasks, String taskDefinitionArn, Map<String, String> pins) {
        for (Task task : tasks) {
            for (Map.Entry<String, String> pin : pins.entrySet()) {
                Container container = task.containers().stream()
                        .filter(c -> pin.getKey().equals(c.name()))
                        .findFirst()
                        .orElse(null);
                String reported = container == null ? null : container.imageDigest();
                if (!Objects.equals(pin.getValue(), reported)) {
                    return "task " + taskId(task) + " of " + revision(taskDefinitionArn) + " runs container "
                            + pin.getKey() + " with image digest " + reported + ", not the pinned " + pin.getValue()
                            + "; check that nothing rewrites the image reference (a registry mirror, a second"
                            + " deploy)";
                }
            }
        }
        return null;
    }

    /** {@code ". Stopped tasks: task 1a2b: reason (container web: reason); ..."}, or empty. */
    private String stoppedTasks(String taskDefinitionArn) {
        List<String> reasons = new ArrayList<>();
        for (Task task : ecs.tasks(DesiredStatus.STOPPED)) {
            if (!taskDefinitionArn.equals(task.taskDefinitionArn()) || reasons.size() == REASONS_SHOWN) {
                continue;
            }
            StringBuilder text = new StringBuilder("task ").append(taskId(task));
            text.append(": ").append(task.stoppedReason() == null ? "stopped" : task.stoppedReason());
            for (Container container : task.containers()) {
                if (container.reason() != null && !container.reason().isBlank()) {
                    text.append(" (container ")
                            .append(container.name())
                            .append(": ")
                            .append(container.reason())
                            .append(')');
                }
            }
            String line = text.toString().replace('\n', ' ');
            if (!reasons.contains(line)) {
                reasons.add(line);
            }
        }
        return reasons.isEmpty() ? "" : ". Stopped tasks: " + String.join("; ", reasons);
    }

    private static String taskId(Task task) {
        String arn = task.taskArn();
        return arn == null ? "?" : arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static int value(Integer count) {
        return count == null ? 0 : count;
    }
}
