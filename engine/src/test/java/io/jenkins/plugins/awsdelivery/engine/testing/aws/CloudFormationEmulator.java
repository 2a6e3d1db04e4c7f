package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CloudFormation control plane on an {@link AwsEmulator} (AWS Query protocol, XML answers), interpreting only what
 * the tests need: a template's {@code Parameters} (with {@code Default}), {@code Resources} described by
 * {@code Type} and {@code Properties} (with {@code {"Ref": parameter}}), and {@code Outputs}. Change sets compare the
 * resolved resources with the stack's: Add, Modify (replacement True when the type changes, else False), Remove; a
 * change set without changes FAILS with CloudFormation's own reason. IAM resource types need CAPABILITY_IAM (with a
 * name property CAPABILITY_NAMED_IAM), else {@code InsufficientCapabilitiesException}.
 *
 * <p>Stack operations advance one step at every {@code DescribeStacks} call: resources go *_IN_PROGRESS, then the
 * stack completes (an update passes through UPDATE_COMPLETE_CLEANUP_IN_PROGRESS), or, when a resource of type
 * {@value #FAILING_TYPE} is created or updated, that resource FAILS with its {@code FailureReason} property and the
 * stack rolls back (ROLLBACK_COMPLETE for a creation, UPDATE_ROLLBACK_COMPLETE for an update), keeping its old
 * resources. Events are kept newest first, as DescribeStackEvents answers.
 *
 * <p>Operations: CreateChangeSet, DescribeChangeSet, ExecuteChangeSet, DeleteChangeSet, DescribeStacks,
 * DescribeStackEvents.
 */
public final class CloudFormationEmulator {
    /** A resource type whose creation or update fails, for the failure paths. */
    public static final String FAILING_TYPE = "Test::Resource::Fails";

    private static final String XMLNS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final String ARN_PREFIX = "arn:aws:cloudformation:eu-west-1:" + StsEmulator.ACCOUNT + ":";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<String, StackState> stacks = new LinkedHashMap<>();
    private final Map<String, ChangeSetState> changeSets = new LinkedHashMap<>();
    private final List<Map<String, String>> createChangeSetForms = new CopyOnWriteArrayList<>();
    private final List<String> deletedChangeSets = new CopyOnWriteArrayList<>();
    private int pageSize = 100;
    private boolean held;

    private CloudFormationEmulator() {}

    /** Registers CloudFormation on {@code aws}. */
    public static CloudFormationEmulator on(AwsEmulator aws) {
        CloudFormationEmulator cfn = new CloudFormationEmulator();
        aws.queryOperation("CreateChangeSet", cfn::createChangeSet);
        aws.queryOperation("DescribeChangeSet", cfn::describeChangeSet);
        aws.queryOperation("ExecuteChangeSet", cfn::executeChangeSet);
        aws.queryOperation("DeleteChangeSet", cfn::deleteChangeSet);
        aws.queryOperation("DescribeStacks", cfn::describeStacks);
        aws.queryOperation("DescribeStackEvents", cfn::describeStackEvents);
        return cfn;
    }

    /** How many changes or events one page holds (the SDK's client must follow NextToken). */
    public synchronized CloudFormationEmulator pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Held: change sets and stack operations stay where they are (for timeouts and aborts); false lets them go on. */
    public synchronized CloudFormationEmulator hold(boolean hold) {
        this.held = hold;
        return this;
    }

    /** Every CreateChangeSet form as received. */
    public List<Map<String, String>> createChangeSetForms() {
        return List.copyOf(createChangeSetForms);
    }

    /** The ARNs of the change sets DeleteChangeSet removed. */
    public List<String> deletedChangeSets() {
        return List.copyOf(deletedChangeSets);
    }

    /** Puts an existing stack into {@code status}, e.g. UPDATE_ROLLBACK_FAILED. */
    public synchronized void forceStatus(String stack, String status) {
        stacks.get(stack).status = status;
    }

    public synchronized String status(String stack) {
        StackState state = stacks.get(stack);
        return state == null ? null : state.status;
    }

    /** The resolved properties of a stack's resource (what the stack runs now), or null. */
    public synchronized JsonNode resourceProperties(String stack, String logicalId) {
        StackState state = stacks.get(stack);
        Resource resource = state == null ? null : state.resources.get(logicalId);
        return resource == null ? null : resource.properties;
    }

    /** The change sets that exist now (not deleted), by ARN. */
    public synchronized Set<String> changeSetIds() {
        return new LinkedHashSet<>(changeSets.keySet());
    }

    // ---- operations -------------------------------------------------------------------------------------------

    private synchronized AwsEmulator.Response createChangeSet(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        Map<String, String> form = request.form();
        createChangeSetForms.add(form);
        String stackName = form.get("StackName");
        String name = form.get("ChangeSetName");
        String type = form.getOrDefault("ChangeSetType", "UPDATE");
        StackState stack = stacks.get(stackName);
        if ("CREATE".equals(type)) {
            if (stack != null && !"REVIEW_IN_PROGRESS".equals(stack.status)) {
                throw validation("Stack [" + stackName + "] already exists and cannot be created again with the"
                        + " changeSet [" + name + "].");
            }
            if (stack == null) {
                stack = new StackState(stackName);
                stacks.put(stackName, stack);
                stack.event(stackName, "AWS::CloudFormation::Stack", "REVIEW_IN_PROGRESS", "User Initiated");
            }
        } else if (stack == null) {
            throw validation("Stack [" + stackName + "] does not exist");
        }
        JsonNode template = parseTemplate(form.get("TemplateBody"));
        Map<String, String> parameters =
                parameters(template, indexed(form, "Parameters.member.", ".ParameterKey", ".ParameterValue"));
        Set<String> capabilities = new LinkedHashSet<>(list(form, "Capabilities.member."));
        checkCapabilities(template, capabilities);
        Map<String, Resource> resources = resources(template, parameters, stack);
        ChangeSetState changeSet = new ChangeSetState(name, stack, type, template, parameters, resources);
        changeSet.tags = indexed(form, "Tags.member.", ".Key", ".Value");
        changeSet.roleArn = form.get("RoleARN");
        changeSets.put(changeSet.id, changeSet);
        return xml("CreateChangeSet", el("Id", changeSet.id) + el("StackId", stack.id));
    }

    private synchronized AwsEmulator.Response describeChangeSet(AwsEmulator.Request request)
            throws AwsEmulator.AwsError {
        Map<String, String> form = request.form();
        ChangeSetState changeSet = changeSet(form.get("ChangeSetName"), form.get("StackName"));
        changeSet.step();
        int from = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken")) : 0;
        StringBuilder changes = new StringBuilder();
        int to = Math.min(changeSet.changes.size(), from + pageSize);
        for (Map<String, String> change : changeSet.changes.subList(Math.min(from, to), to)) {
            changes.append("<member><Type>Resource</Type><ResourceChange>")
                    .append(el("Action", change.get("Action")))
                    .append(el("LogicalResourceId", change.get("LogicalResourceId")))
                    .append(el("PhysicalResourceId", change.get("PhysicalResourceId")))
                    .append(el("ResourceType", change.get("ResourceType")))
                    .append(el("Replacement", change.get("Replacement")))
                    .append("<Scope>")
                    .append("Modify".equals(change.get("Action")) ? "<member>Properties</member>" : "")
                    .append("</Scope><Details/></ResourceChange></member>");
        }
        StringBuilder parameters = new StringBuilder();
        changeSet.parameters.forEach((key, value) -> parameters
                .append("<member>")
                .append(el("ParameterKey", key))
                .append(el("ParameterValue", value))
                .append("</member>"));
        return xml(
                "DescribeChangeSet",
                el("ChangeSetName", changeSet.name)
                        + el("ChangeSetId", changeSet.id)
                        + el("StackId", changeSet.stack.id)
                        + el("StackName", changeSet.stack.name)
                        + el("Description", "aws-container-delivery")
                        + el("CreationTime", changeSet.created.toString())
                        + el("ExecutionStatus", changeSet.executionStatus)
                        + el("Status", changeSet.status)
                        + el("StatusReason", changeSet.statusReason)
                        + "<Parameters>" + parameters + "</Parameters>"
                        + "<Changes>" + changes + "</Changes>"
                        + (to < changeSet.changes.size() ? el("NextToken", String.valueOf(to)) : ""));
    }

    private synchronized AwsEmulator.Response executeChangeSet(AwsEmulator.Request request)
            throws AwsEmulator.AwsError {
        Map<String, String> form = request.form();
        ChangeSetState changeSet = changeSet(form.get("ChangeSetName"), form.get("StackName"));
        if (!"AVAILABLE".equals(changeSet.executionStatus)) {
            throw new AwsEmulator.AwsError(
                    400,
                    "InvalidChangeSetStatus",
                    "ChangeSet [" + changeSet.id + "] cannot be executed in its current status of [" + changeSet.status
                            + "]");
        }
        StackState stack = changeSet.stack;
        if (!"REVIEW_IN_PROGRESS".equals(stack.status) && stack.status.endsWith("_IN_PROGRESS")) {
            throw validation("Stack:" + stack.id + " is in " + stack.status + " state and can not be updated.");
        }
        changeSet.executionStatus = "EXECUTE_IN_PROGRESS";
        stack.executing = changeSet;
        stack.steps = 0;
        stack.status = "CREATE".equals(changeSet.type) ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS";
        stack.event(stack.name, "AWS::CloudFormation::Stack", stack.status, "User Initiated");
        return xml("ExecuteChangeSet", "");
    }

    private synchronized AwsEmulator.Response deleteChangeSet(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        Map<String, String> form = request.form();
        ChangeSetState changeSet = changeSet(form.get("ChangeSetName"), form.get("StackName"));
        changeSets.remove(changeSet.id);
        deletedChangeSets.add(changeSet.id);
        return xml("DeleteChangeSet", "");
    }

    private synchronized AwsEmulator.Response describeStacks(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        StackState stack = stack(request.form().get("StackName"));
        stack.step();
        StringBuilder outputs = new StringBuilder();
        stack.outputs.forEach((key, value) -> outputs.append("<member>")
                .append(el("OutputKey", key))
                .append(el("OutputValue", value))
                .append("</member>"));
        StringBuilder parameters = new StringBuilder();
        stack.parameters.forEach((key, value) -> parameters
                .append("<member>")
                .append(el("ParameterKey", key))
                .append(el("ParameterValue", value))
                .append("</member>"));
        StringBuilder tags = new StringBuilder();
        stack.tags.forEach((key, value) -> tags.append("<member>")
                .append(el("Key", key))
                .append(el("Value", value))
                .append("</member>"));
        return xml(
                "DescribeStacks",
                "<Stacks><member>" + el("StackName", stack.name) + el("StackId", stack.id)
                        + el("CreationTime", stack.created.toString()) + el("StackStatus", stack.status)
                        + el("StackStatusReason", stack.statusReason) + el("RoleARN", stack.roleArn)
                        + "<Parameters>" + parameters + "</Parameters><Outputs>" + outputs + "</Outputs><Tags>"
                        + tags + "</Tags></member></Stacks>");
    }

    private synchronized AwsEmulator.Response describeStackEvents(AwsEmulator.Request request)
            throws AwsEmulator.AwsError {
        Map<String, String> form = request.form();
        StackState stack = stack(form.get("StackName"));
        int from = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken")) : 0;
        int to = Math.min(stack.events.size(), from + pageSize);
        StringBuilder events = new StringBuilder();
        for (Map<String, String> event : stack.events.subList(Math.min(from, to), to)) {
            events.append("<member>");
            event.forEach((key, value) -> events.append(el(key, value)));
            events.append("</member>");
        }
        return xml(
                "DescribeStackEvents",
                "<StackEvents>" + events + "</StackEvents>"
                        + (to < stack.events.size() ? el("NextToken", String.valueOf(to)) : ""));
    }

    // ---- template interpretation ------------------------------------------------------------------------------

    private static JsonNode parseTemplate(String body) throws AwsEmulator.AwsError {
        if (body == null) {
            throw validation("Either Template URL or Template Body must be specified.");
        }
        JsonNode template;
        try {
            template = YAML.readTree(body);
        } catch (IOException e) {
            throw validation("Template format error: unsupported structure.");
        }
        if (template == null
                || !template.path("Resources").isObject()
                || template.get("Resources").isEmpty()) {
            throw validation("Template format error: At least one Resources member must be defined.");
        }
        return template;
    }

    private static Map<String, String> parameters(JsonNode template, Map<String, String> given)
            throws AwsEmulator.AwsError {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            if (!template.path("Parameters").has(key)) {
                throw validation("Parameters: [" + key + "] do not exist in the template");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> declared =
                template.path("Parameters").fields();
        List<String> missing = new ArrayList<>();
        while (declared.hasNext()) {
            Map.Entry<String, JsonNode> parameter = declared.next();
            String value = given.containsKey(parameter.getKey())
                    ? given.get(parameter.getKey())
                    : parameter.getValue().path("Default").asText(null);
            if (value == null) {
                missing.add(parameter.getKey());
            } else {
                values.put(parameter.getKey(), value);
            }
        }
        if (!missing.isEmpty()) {
            throw validation("Parameters: " + missing + " must have values");
        }
        return values;
    }

    private static void checkCapabilities(JsonNode template, Set<String> given) throws AwsEmulator.AwsError {
        String needed = null;
        for (JsonNode resource : template.get("Resources")) {
            String type = resource.path("Type").asText();
            if (type.startsWith("AWS::IAM::")) {
                JsonNode properties = resource.path("Properties");
                boolean named = properties.has("RoleName") || properties.has("UserName") || properties.has("GroupName");
                needed = named || "CAPABILITY_NAMED_IAM".equals(needed) ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM";
            }
        }
        if (needed == null
                || given.contains("CAPABILITY_NAMED_IAM")
                || ("CAPABILITY_IAM".equals(needed) && given.contains("CAPABILITY_IAM"))) {
            return;
        }
        throw new AwsEmulator.AwsError(
                400, "InsufficientCapabilitiesException", "Requires capabilities : [" + needed + "]");
    }

    private static Map<String, Resource> resources(
            JsonNode template, Map<String, String> parameters, StackState stack) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        template.get("Resources").fields().forEachRemaining(entry -> {
            String type = entry.getValue().path("Type").asText();
            JsonNode properties = resolve(entry.getValue().path("Properties"), parameters);
            Resource current = stack.resources.get(entry.getKey());
            String physicalId = current != null && current.type.equals(type)
                    ? current.physicalId
                    : stack.name + "-" + entry.getKey() + "-"
                            + UUID.randomUUID().toString().substring(0, 12);
            resources.put(entry.getKey(), new Resource(type, properties, physicalId));
        });
        return resources;
    }

    private static JsonNode resolve(JsonNode node, Map<String, String> parameters) {
        if (node.isObject()
                && node.size() == 1
                && node.has("Ref")
                && parameters.containsKey(node.get("Ref").asText())) {
            return JSON.getNodeFactory().textNode(parameters.get(node.get("Ref").asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(e.getValue(), parameters)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(resolve(element, parameters)));
            return copy;
        }
        return node;
    }

    // ---- state ------------------------------------------------------------------------------------------------

    private ChangeSetState changeSet(String nameOrArn, String stackName) throws AwsEmulator.AwsError {
        ChangeSetState found = changeSets.get(nameOrArn);
        if (found == null) {
            for (ChangeSetState candidate : changeSets.values()) {
                if (candidate.name.equals(nameOrArn) && candidate.stack.name.equals(stackName)) {
                    found = candidate;
                }
            }
        }
        if (found == null) {
            throw new AwsEmulator.AwsError(404, "ChangeSetNotFound", "ChangeSet [" + nameOrArn + "] does not exist");
        }
        return found;
    }

    private StackState stack(String nameOrId) throws AwsEmulator.AwsError {
        for (StackState stack : stacks.values()) {
            if (stack.name.equals(nameOrId) || stack.id.equals(nameOrId)) {
                return stack;
            }
        }
        throw validation("Stack with id " + nameOrId + " does not exist");
    }

    private static AwsEmulator.AwsError validation(String message) {
        return new AwsEmulator.AwsError(400, "ValidationError", message);
    }

    private static AwsEmulator.Response xml(String action, String result) {
        return AwsEmulator.Response.xml("<" + action + "Response xmlns=\"" + XMLNS + "\"><" + action + "Result>"
                + result + "</" + action + "Result><ResponseMetadata><RequestId>" + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    private static String el(String name, String value) {
        return value == null ? "" : "<" + name + ">" + AwsEmulator.escapeXml(value) + "</" + name + ">";
    }

    private static List<String> list(Map<String, String> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; form.containsKey(prefix + i); i++) {
            values.add(form.get(prefix + i));
        }
        return values;
    }

    private static Map<String, String> indexed(Map<String, String> form, String prefix, String key, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 1; form.containsKey(prefix + i + key); i++) {
            map.put(form.get(prefix + i + key), form.get(prefix + i + value));
        }
        return map;
    }

    private record Resource(String type, JsonNode properties, String physicalId) {}

    private final class StackState {
        final String name;
        final String id;
        final Instant created = Instant.now();
        String status = "REVIEW_IN_PROGRESS";
        String statusReason;
        String roleArn;
        Map<String, Resource> resources = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        final List<Map<String, String>> events = new ArrayList<>();
        ChangeSetState executing;
        int steps;

        StackState(String name) {
            this.name = name;
            this.id = ARN_PREFIX + "stack/" + name + "/" + UUID.randomUUID();
        }

        void event(String logicalId, String type, String resourceStatus, String reason) {
            Map<String, String> event = new LinkedHashMap<>();
            event.put("StackId", id);
            event.put("EventId", UUID.randomUUID().toString());
            event.put("StackName", name);
            event.put("LogicalResourceId", logicalId);
            event.put("PhysicalResourceId", logicalId.equals(name) ? id : name + "-" + logicalId);
            event.put("ResourceType", type);
            event.put("Timestamp", Instant.now().toString());
            event.put("ResourceStatus", resourceStatus);
            if (reason != null) {
                event.put("ResourceStatusReason", reason);
            }
            events.add(0, event);
        }

        /** One step of the executing change set, if any. */
        void step() {
            if (executing == null || held) {
                return;
            }
            boolean create = "CREATE".equals(executing.type);
            String verb = create ? "CREATE" : "UPDATE";
            List<Map<String, String>> changes = executing.changes;
            steps++;
            if (steps == 1) {
                resourceEvents(changes, "_IN_PROGRESS");
                return;
            }
            Map<String, String> failing = changes.stream()
                    .filter(change ->
                            FAILING_TYPE.equals(change.get("ResourceType")) && !"Remove".equals(change.get("Action")))
                    .findFirst()
                    .orElse(null);
            if (failing != null && steps == 2) {
                Resource resource = executing.resources.get(failing.get("LogicalResourceId"));
                String resourceVerb = "Add".equals(failing.get("Action")) ? "CREATE" : "UPDATE";
                event(
                        failing.get("LogicalResourceId"),
                        FAILING_TYPE,
                        resourceVerb + "_FAILED",
                        resource.properties()
                                .path("FailureReason")
                                .asText("Resource handler returned message:" + " \"Internal Failure\""));
                status = create ? "ROLLBACK_IN_PROGRESS" : "UPDATE_ROLLBACK_IN_PROGRESS";
                String reason = "The following resource(s) failed to " + verb.toLowerCase(java.util.Locale.ROOT) + ": ["
                        + failing.get("LogicalResourceId") + "]. ";
                event(name, "AWS::CloudFormation::Stack", status, reason);
                statusReason = reason;
                return;
            }
            if (failing != null) {
                status = create ? "ROLLBACK_COMPLETE" : "UPDATE_ROLLBACK_COMPLETE";
                statusReason = null;
                event(name, "AWS::CloudFormation::Stack", status, null);
                executing.executionStatus = "EXECUTE_FAILED";
                executing = null;
                return;
            }
            if (steps == 2) {
                resourceEvents(changes, "_COMPLETE");
                resources = executing.resources;
                parameters = executing.parameters;
                tags = executing.tags;
                roleArn = executing.roleArn;
                outputs = outputs(executing.template, parameters, resources);
                if (!create) {
                    status = "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS";
                    event(name, "AWS::CloudFormation::Stack", status, null);
                    return;
                }
            }
            status = verb + "_COMPLETE";
            event(name, "AWS::CloudFormation::Stack", status, null);
            executing.executionStatus = "EXECUTE_COMPLETE";
            executing = null;
        }

        /** CREATE_/UPDATE_{@code suffix} for every added or modified resource. */
        private void resourceEvents(List<Map<String, String>> changes, String suffix) {
            for (Map<String, String> change : changes) {
                if (!"Remove".equals(change.get("Action"))) {
                    String resourceVerb = "Add".equals(change.get("Action")) ? "CREATE" : "UPDATE";
                    event(change.get("LogicalResourceId"), change.get("ResourceType"), resourceVerb + suffix, null);
                }
            }
        }

        private Map<String, String> outputs(
                JsonNode template, Map<String, String> parameterValues, Map<String, Resource> newResources) {
            Map<String, String> values = new LinkedHashMap<>();
            template.path("Outputs").fields().forEachRemaining(entry -> {
                JsonNode value = entry.getValue().path("Value");
                if (value.isObject() && value.has("Ref")) {
                    String ref = value.get("Ref").asText();
                    values.put(
                            entry.getKey(),
                            parameterValues.containsKey(ref)
                                    ? parameterValues.get(ref)
                                    : newResources.containsKey(ref)
                                            ? newResources.get(ref).physicalId()
                                            : ref);
                } else {
                    values.put(entry.getKey(), value.asText());
                }
            });
            return values;
        }
    }

    private final class ChangeSetState {
        final String name;
        final String id;
        final StackState stack;
        final String type;
        final JsonNode template;
        final Map<String, String> parameters;
        final Map<String, Resource> resources;
        final List<Map<String, String>> changes = new ArrayList<>();
        final Instant created = Instant.now();
        Map<String, String> tags = Map.of();
        String roleArn;
        String status = "CREATE_PENDING";
        String statusReason;
        String executionStatus = "UNAVAILABLE";
        int steps;

        ChangeSetState(
                String name,
                StackState stack,
                String type,
                JsonNode template,
                Map<String, String> parameters,
                Map<String, Resource> resources) {
            this.name = name;
            this.id = ARN_PREFIX + "changeSet/" + name + "/" + UUID.randomUUID();
            this.stack = stack;
            this.type = type;
            this.template = template;
            this.parameters = parameters;
            this.resources = resources;
            resources.forEach((logicalId, resource) -> {
                Resource current = stack.resources.get(logicalId);
                if (current == null) {
                    changes.add(change("Add", logicalId, resource, null));
                } else if (!current.type().equals(resource.type())) {
                    changes.add(change("Modify", logicalId, resource, "True"));
                } else if (!current.properties().equals(resource.properties())) {
                    changes.add(change("Modify", logicalId, resource, "False"));
                }
            });
            stack.resources.forEach((logicalId, resource) -> {
                if (!resources.containsKey(logicalId)) {
                    changes.add(change("Remove", logicalId, resource, null));
                }
            });
        }

        private static Map<String, String> change(String action, String logicalId, Resource resource, String replace) {
            Map<String, String> change = new LinkedHashMap<>();
            change.put("Action", action);
            change.put("LogicalResourceId", logicalId);
            if (!"Add".equals(action)) {
                change.put("PhysicalResourceId", resource.physicalId());
            }
            change.put("ResourceType", resource.type());
            if (replace != null) {
                change.put("Replacement", replace);
            }
            return change;
        }

        /** CREATE_PENDING, then CREATE_IN_PROGRESS, then CREATE_COMPLETE or FAILED. */
        void step() {
            if (held) {
                return;
            }
            steps++;
            if (steps == 1) {
                status = "CREATE_IN_PROGRESS";
            } else if (steps == 2) {
                if (changes.isEmpty()) {
                    status = "FAILED";
                    statusReason = "The submitted information didn't contain changes. Submit different information to"
                            + " create a change set.";
                } else {
                    status = "CREATE_COMPLETE";
                    executionStatus = "AVAILABLE";
                }
            }
        }
    }
}
