package io.jenkins.plugins.awsdelivery.engine.ecs;

import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.aws.Deadline;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Deploys images to an ECS service: registers a new revision of its task definition with the named containers pinned
 * to digests, updates the service to it and waits honestly (see {@link ServiceRollout}). On failure it optionally
 * updates the service back to the previous revision and waits for that. It never deregisters a revision, so the one
 * that still runs after a rollback stays usable.
 */
public final class EcsDeployer implements AutoCloseable {
    private final EcsClient client;
    private final EventSink events;
    private final Clock clock;

    /** Calls ECS with the region, credentials and endpoint of {@code connection}. */
    public EcsDeployer(AwsConnection connection, EventSink events) {
        this(connection.configure(EcsClient.builder()).build(), events, Clock.systemUTC());
    }

    EcsDeployer(EcsClient client, EventSink events, Clock clock) {
        this.client = client;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @throws io.jenkins.plugins.awsdelivery.engine.InvalidParameterException before any write call, for a container
     *     the task definition lacks or a task definition file that is not one
     * @throws EcsDeployFailedException when the new deployment failed or timed out (with the result so far)
     * @throws io.jenkins.plugins.awsdelivery.engine.OperationAbortedException when the thread is interrupted
     */
    public EcsDeployResult deploy(EcsDeployRequest request) {
        EcsCalls ecs = new EcsCalls(client, request.cluster(), request.service());
        Service service = ecs.describeService();
        if (service.deploymentController() != null
                && service.deploymentController().type() != null
                && service.deploymentController().type() != DeploymentControllerType.ECS) {
            throw new io.jenkins.plugins.awsdelivery.engine.DeliveryException("ECS service " + request.service()
                    + " uses the " + service.deploymentController().typeAsString() + " deployment controller;"
                    + " only services with the ECS (rolling update) controller can be deployed by UpdateService");
        }
        String previous = service.taskDefinition();
        DescribeTaskDefinitionResponse current = ecs.describeTaskDefinition(previous);
        warnWhenOwnedByStack(request, service.tags(), current.tags());
        RegisterTaskDefinitionRequest base = request.taskDefinitionJson()
                .map(TaskDefinitionJson::parse)
                .orElseGet(() -> TaskDefinitionRevision.fromDescribed(current.taskDefinition(), current.tags()));
        RegisterTaskDefinitionRequest next = TaskDefinitionRevision.pin(base, request.images());

        EcsDeployResult result = new EcsDeployResult(
                request.cluster(), request.service(), null, previous, null, null, request.images(), false);
        String arn = ecs.register(next);
        events.info("registered " + ServiceRollout.revision(arn) + " with " + request.images());
        result = new EcsDeployResult(
                request.cluster(), request.service(), arn, previous, null, null, request.images(), false);
        Service updated = ecs.updateService(arn);
        String deploymentId = updated.deployments().stream()
                .filter(d -> arn.equals(d.taskDefinition()) && "PRIMARY".equals(d.status()))
                .map(d -> d.id())
                .findFirst()
                .orElseThrow(() ->
                        new io.jenkins.plugins.awsdelivery.engine.DeliveryException("ECS UpdateService for service "
                                + request.service() + " answered without a PRIMARY" + " deployment of " + arn));
        result = result.withRollout(deploymentId, ServiceRollout.IN_PROGRESS);
        events.info("updated service " + request.service() + " to " + ServiceRollout.revision(arn) + " (deployment "
                + deploymentId + "); waiting up to " + request.timeout().toSeconds() + " s");

        ServiceRollout rollout = new ServiceRollout(ecs, events, request.pollInterval());
        ServiceRollout.Outcome outcome =
                rollout.await(deploymentId, arn, digests(request.images()), Deadline.after(request.timeout(), clock));
        result = result.withRollout(deploymentId, outcome.rolloutState());
        if (outcome.succeeded()) {
            events.info("deployment " + deploymentId + " completed: every task of " + ServiceRollout.revision(arn)
                    + " runs the pinned digests");
            return result;
        }
        String message = "ECS deploy of service " + request.service() + " in cluster " + request.cluster()
                + ": deployment " + deploymentId + " of " + ServiceRollout.revision(arn) + " failed: "
                + outcome.reason();
        if (!request.rollbackOnFailure()) {
            throw new EcsDeployFailedException(
                    message + "; the service may still run " + ServiceRollout.revision(previous)
                            + " (rollbackOnFailure updates it back and waits)",
                    result);
        }
        ServiceRollout.Outcome back = rollBack(ecs, rollout, request, deploymentId, previous);
        if (back.succeeded()) {
            throw new EcsDeployFailedException(
                    message + "; rolled back to " + ServiceRollout.revision(previous), result.withRolledBack(true));
        }
        throw new EcsDeployFailedException(
                message + "; the rollback to " + ServiceRollout.revision(previous) + " did not complete either: "
                        + back.reason(),
                result);
    }

    private ServiceRollout.Outcome rollBack(
            EcsCalls ecs, ServiceRollout rollout, EcsDeployRequest request, String failed, String previous) {
        Service now = ecs.describeService();
        var primary = ServiceRollout.primary(now);
        String rollbackId;
        if (primary != null && previous.equals(primary.taskDefinition()) && !failed.equals(primary.id())) {
            rollbackId = primary.id();
            events.warn("the deployment circuit breaker is rolling service " + request.service() + " back to "
                    + ServiceRollout.revision(previous) + " (deployment " + rollbackId + "); waiting for it");
        } else {
            Service updated = ecs.updateService(previous);
            rollbackId = ServiceRollout.primary(updated).id();
            events.warn("rolling service " + request.service() + " back to " + ServiceRollout.revision(previous)
                    + " (deployment " + rollbackId + ")");
        }
        return rollout.await(rollbackId, previous, Map.of(), Deadline.after(request.timeout(), clock));
    }

    private void warnWhenOwnedByStack(EcsDeployRequest request, List<Tag> serviceTags, List<Tag> definitionTags) {
        List<Tag> tags = new ArrayList<>(serviceTags);
        tags.addAll(definitionTags);
        Optional<String> stack = TaskDefinitionRevision.owningStack(tags);
        stack.ifPresent(name -> events.warn("service " + request.service() + " and its task definition belong to"
                + " CloudFormation stack " + name + "; a direct deploy drifts from the stack, and the next stack"
                + " update puts the old image back. Deploy through the stack instead (cfnDeploy / delivery"
                + " cfn-deploy with the image as a parameter)"));
    }

    /** Container → the digest each pinned reference carries. */
    private static Map<String, String> digests(Map<String, String> images) {
        Map<String, String> digests = new LinkedHashMap<>();
        images.forEach((container, reference) -> digests.put(
                container,
                ImageReference.parse("images", reference).digest().orElseThrow().toString()));
        return digests;
    }

    @Override
    public void close() {
        client.close();
    }
}
