package io.jenkins.plugins.awsdelivery.engine.cloudformation;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsCall;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.aws.Deadline;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Deploys a CloudFormation stack through a change set: CREATE for a new stack, UPDATE for an existing one; waits for
 * the change set (one without changes is a success, and is deleted); executes it unless told not to, and waits for
 * the stack. {@code *_COMPLETE} is success; a rollback or {@code *_FAILED} is a failure naming the first failed
 * resource and its reason from the stack events. A stack in a state that cannot be updated is refused before a
 * change set is created.
 */
public final class StackDeployer implements AutoCloseable {
    private static final String NO_CHANGES = "didn't contain changes";
    private static final String NO_UPDATES = "No updates are to be performed";

    private final CloudFormationClient client;
    private final EventSink events;
    private final Clock clock;

    /** Calls CloudFormation with the region, credentials and endpoint of {@code connection}. */
    public StackDeployer(AwsConnection connection, EventSink events) {
        this(connection.configure(CloudFormationClient.builder()).build(), events, Clock.systemUTC());
    }

    StackDeployer(CloudFormationClient client, EventSink events, Clock clock) {
        this.client = client;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @throws InvalidParameterException naming {@code capabilities} when the template needs one that was not given
     * @throws StackDeployFailedException when the change set or the stack operation failed or timed out
     * @throws DeliveryException when the stack cannot be updated now (the message says what to do)
     * @throws OperationAbortedException when the thread is interrupted (an unexecuted change set is deleted)
     */
    public StackDeployResult deploy(StackDeployRequest request) {
        String stackName = request.stack();
        Optional<Stack> existing = describe(stackName);
        existing.flatMap(stack -> StackStatuses.refusal(stackName, stack.stackStatusAsString()))
                .ifPresent(refusal -> {
                    throw new DeliveryException(refusal);
                });
        ChangeSetType type = existing.isEmpty()
                        || StackStatuses.awaitsCreation(existing.get().stackStatusAsString())
                ? ChangeSetType.CREATE
                : ChangeSetType.UPDATE;
        String changeSetName = "delivery-" + clock.millis();
        String changeSetId = createChangeSet(request, changeSetName, type);
        events.info("created change set " + changeSetName + " (" + type + ") for stack " + stackName);

        DescribeChangeSetResponse changeSet;
        try {
            changeSet = awaitChangeSet(request, changeSetId);
        } catch (OperationAbortedException aborted) {
            deleteQuietly(changeSetId);
            throw aborted;
        }
        List<StackChange> changes = changes(changeSetId, changeSet);
        String stackId = changeSet.stackId();
        if ("FAILED".equals(changeSet.statusAsString())) {
            String reason = changeSet.statusReason() == null ? "" : changeSet.statusReason();
            if (reason.contains(NO_CHANGES) || reason.contains(NO_UPDATES)) {
                call("DeleteChangeSet", stackName, () -> client.deleteChangeSet(r -> r.changeSetName(changeSetId)));
                events.info("stack " + stackName + " is up to date: the change set held no changes and was deleted");
                Stack stack = describe(stackName).orElseThrow();
                return new StackDeployResult(
                        stackName, stack.stackId(), stack.stackStatusAsString(), null, List.of(), outputs(stack));
            }
            if (reason.contains("Requires capabilities")) {
                throw capabilitiesMissing(reason);
            }
            throw new StackDeployFailedException(
                    "change set " + changeSetName + " of stack " + stackName + " failed: " + reason,
                    new StackDeployResult(stackName, stackId, statusOf(stackName), changeSetId, changes, Map.of()));
        }
        events.info("change set " + changeSetName + ": " + changes);
        if (!request.execute()) {
            Stack stack = describe(stackName).orElseThrow();
            return new StackDeployResult(
                    stackName, stackId, stack.stackStatusAsString(), changeSetId, changes, outputs(stack));
        }
        String lastEventId = latestEventId(stackName);
        call("ExecuteChangeSet", stackName, () -> client.executeChangeSet(r -> r.changeSetName(changeSetId)));
        events.info("executing change set " + changeSetName + " on stack " + stackName);
        StackDeployResult result = new StackDeployResult(stackName, stackId, null, changeSetId, changes, Map.of());
        return awaitStack(request, result, lastEventId);
    }

    private String createChangeSet(StackDeployRequest request, String changeSetName, ChangeSetType type) {
        List<Parameter> parameters = new ArrayList<>();
        request.parameters()
                .forEach((key, value) -> parameters.add(Parameter.builder()
                        .parameterKey(key)
                        .parameterValue(value)
                        .build()));
        List<Tag> tags = new ArrayList<>();
        request.tags()
                .forEach((key, value) ->
                        tags.add(Tag.builder().key(key).value(value).build()));
        try {
            return call(
                            "CreateChangeSet",
                            request.stack(),
                            () -> client.createChangeSet(r -> {
                                r.stackName(request.stack())
                                        .changeSetName(changeSetName)
                                        .changeSetType(type)
                                        .templateBody(request.template())
                                        .description("aws-container-delivery");
                                // An empty list would be sent as "Parameters=" (the aws CLI sends nothing).
                                if (!parameters.isEmpty()) {
                                    r.parameters(parameters);
                                }
                                if (!request.capabilities().isEmpty()) {
                                    r.capabilitiesWithStrings(request.capabilities());
                                }
                                if (!tags.isEmpty()) {
                                    r.tags(tags);
                                }
                                request.roleArn().ifPresent(r::roleARN);
                            }))
                    .id();
        } catch (DeliveryException e) {
            if (e.getCause() instanceof InsufficientCapabilitiesException missing) {
                throw capabilitiesMissing(missing.awsErrorDetails().errorMessage());
            }
            throw e;
        }
    }

    private static InvalidParameterException capabilitiesMissing(String awsMessage) {
        return new InvalidParameterException(
                "capabilities",
                "the template needs a capability that was not given (" + awsMessage + "); add it, e.g."
                        + " capabilities: ['CAPABILITY_NAMED_IAM'] or --capability CAPABILITY_NAMED_IAM, after"
                        + " checking the IAM resources the template creates");
    }

    private DescribeChangeSetResponse awaitChangeSet(StackDeployRequest request, String changeSetId) {
        Deadline deadline = Deadline.after(request.timeout(), clock);
        while (true) {
            DescribeChangeSetResponse changeSet = call(
                    "DescribeChangeSet",
                    request.stack(),
                    () -> client.describeChangeSet(r -> r.changeSetName(changeSetId)));
            String status = changeSet.statusAsString();
            if ("CREATE_COMPLETE".equals(status) || "FAILED".equals(status)) {
                return changeSet;
            }
            if (deadline.passed()) {
                throw new StackDeployFailedException(
                        "change set " + changeSet.changeSetName() + " of stack " + request.stack() + " was not ready"
                                + " within " + request.timeout().toSeconds() + " s (" + status + ")",
                        new StackDeployResult(
                                request.stack(), changeSet.stackId(), null, changeSetId, List.of(), Map.of()));
            }
            deadline.pause(
                    request.pollInterval(), "stack deploy of " + request.stack() + ": waiting for the change set");
        }
    }

    /** All resource changes, every page of DescribeChangeSet. */
    private List<StackChange> changes(String changeSetId, DescribeChangeSetResponse first) {
        List<StackChange> changes = new ArrayList<>();
        DescribeChangeSetResponse page = first;
        while (true) {
            for (Change change : page.changes()) {
                ResourceChange resource = change.resourceChange();
                if (resource != null) {
                    changes.add(new StackChange(
                            resource.actionAsString(),
                            resource.logicalResourceId(),
                            resource.resourceType(),
                            resource.replacementAsString()));
                }
            }
            String next = page.nextToken();
            if (next == null) {
                return changes;
            }
            page = call(
                    "DescribeChangeSet",
                    first.stackName(),
                    () -> client.describeChangeSet(
                            r -> r.changeSetName(changeSetId).nextToken(next)));
        }
    }

    private StackDeployResult awaitStack(StackDeployRequest request, StackDeployResult result, String lastEventId) {
        Deadline deadline = Deadline.after(request.timeout(), clock);
        String lastStatus = null;
        while (true) {
            Stack stack = describe(request.stack())
                    .orElseThrow(() -> new DeliveryException(
                            "stack " + request.stack() + " disappeared while its change set was executed"));
            String status = stack.stackStatusAsString();
            if (!StackStatuses.inProgress(status)) {
                StackDeployResult reached = result.withStatus(status, outputs(stack));
                if (StackStatuses.succeeded(status)) {
                    events.info("stack " + request.stack() + " is " + status);
                    return reached;
                }
                throw new StackDeployFailedException(
                        "stack " + request.stack() + " is " + status + firstFailure(request.stack(), lastEventId),
                        reached);
            }
            if (deadline.passed()) {
                throw new StackDeployFailedException(
                        "stack " + request.stack() + " did not finish within "
                                + request.timeout().toSeconds()
                                + " s (" + status + "); the operation goes on in CloudFormation"
                                + firstFailure(request.stack(), lastEventId),
                        result.withStatus(status, outputs(stack)));
            }
            if (!status.equals(lastStatus)) {
                events.info("stack " + request.stack() + ": " + status);
                lastStatus = status;
            }
            deadline.pause(request.pollInterval(), "stack deploy of " + request.stack() + ": waiting for the stack");
        }
    }

    /**
     * {@code ": resource X (Type) CREATE_FAILED: reason"} for the oldest failed resource event since
     * {@code lastEventId}, or empty. The stack's own events only summarise ("The following resource(s) failed…"),
     * so they count only when no resource failed.
     */
    private String firstFailure(String stackName, String lastEventId) {
        List<StackEvent> newestFirst = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            var response = call(
                    "DescribeStackEvents",
                    stackName,
                    () -> client.describeStackEvents(r -> r.stackName(stackName).nextToken(page)));
            boolean reachedOld = false;
            for (StackEvent event : response.stackEvents()) {
                if (event.eventId().equals(lastEventId)) {
                    reachedOld = true;
                    break;
                }
                newestFirst.add(event);
            }
            token = reachedOld ? null : response.nextToken();
        } while (token != null);
        StackEvent stackFailure = null;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            StackEvent event = newestFirst.get(i);
            String status = event.resourceStatusAsString();
            if (status == null || !status.endsWith("_FAILED")) {
                continue;
            }
            if ("AWS::CloudFormation::Stack".equals(event.resourceType())
                    && stackName.equals(event.logicalResourceId())) {
                stackFailure = stackFailure == null ? event : stackFailure;
                continue;
            }
            return ": resource " + event.logicalResourceId() + " (" + event.resourceType() + ") " + status + ": "
                    + event.resourceStatusReason();
        }
        return stackFailure == null ? "" : ": " + stackFailure.resourceStatusReason();
    }

    private String latestEventId(String stackName) {
        List<StackEvent> events = call(
                        "DescribeStackEvents", stackName, () -> client.describeStackEvents(r -> r.stackName(stackName)))
                .stackEvents();
        return events.isEmpty() ? null : events.get(0).eventId();
    }

    private Optional<Stack> describe(String stackName) {
        try {
            List<Stack> stacks = call(
                            "DescribeStacks", stackName, () -> client.describeStacks(r -> r.stackName(stackName)))
                    .stacks();
            return stacks.isEmpty() ? Optional.empty() : Optional.of(stacks.get(0));
        } catch (DeliveryException e) {
            if (e.getCause() instanceof CloudFormationException aws
                    && aws.awsErrorDetails() != null
                    && aws.awsErrorDetails().errorMessage() != null
                    && aws.awsErrorDetails().errorMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String statusOf(String stackName) {
        return describe(stackName).map(Stack::stackStatusAsString).orElse(null);
    }

    private static Map<String, String> outputs(Stack stack) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output output : stack.outputs()) {
            outputs.put(output.outputKey(), output.outputValue());
        }
        return outputs;
    }

    private void deleteQuietly(String changeSetId) {
        boolean interrupted = Thread.interrupted();
        try {
            client.deleteChangeSet(r -> r.changeSetName(changeSetId));
        } catch (RuntimeException e) {
            events.warn("could not delete change set " + changeSetId + " after the abort: " + e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T call(String operation, String stackName, Supplier<T> call) {
        return AwsCall.call(
                "CloudFormation " + operation + " for stack " + stackName, call, code -> hint(code, operation));
    }

    private static String hint(String code, String operation) {
        if ("AccessDenied".equals(code) || "AccessDeniedException".equals(code)) {
            return "; the credentials need cloudformation:" + operation + " (see docs/ecs.md for the minimal policy)";
        }
        return "";
    }

    @Override
    public void close() {
        client.close();
    }
}
