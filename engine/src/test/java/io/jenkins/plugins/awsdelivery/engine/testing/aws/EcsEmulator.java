package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ECS control plane on an {@link AwsEmulator} (AWS JSON 1.1, {@code AmazonEC2ContainerServiceV20141113}), with a
 * scheduler whose tasks pull from REAL registries: a task's image reference is resolved against the registry it names
 * (HEAD of the manifest), an image that is not there stops the task with {@code CannotPullContainerError}, and the
 * digest a running task reports is the one the registry answered.
 *
 * <p>The scheduler advances one step at every {@code DescribeServices} call: new tasks of the PRIMARY deployment are
 * PENDING, then RUNNING at the next step; when as many run as desired, the older deployments' tasks stop, those
 * deployments leave the service and the rollout is COMPLETED. With the deployment circuit breaker enabled, a
 * deployment whose failed tasks reach {@link #circuitBreakerThreshold(int) the threshold} is FAILED and, with
 * {@code rollback}, a new PRIMARY deployment of the last completed task definition replaces it, as ECS does.
 *
 * <p>Operations: RegisterTaskDefinition, DescribeTaskDefinition, DeregisterTaskDefinition (recorded, so a test can
 * prove it is never called), DescribeServices, UpdateService, ListTasks, DescribeTasks.
 */
public final class EcsEmulator {
    public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";
    private static final String REGION_ACCOUNT = "eu-west-1:" + StsEmulator.ACCOUNT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, List<ObjectNode>> families = new LinkedHashMap<>();
    private final Map<String, ArrayNode> tagsByArn = new LinkedHashMap<>();
    private final Map<String, ServiceState> services = new LinkedHashMap<>();
    private final List<ObjectNode> tasks = new ArrayList<>();
    private final List<JsonNode> registerRequests = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private int circuitBreakerThreshold = 2;
    private boolean resolveTagsIgnoringDigests;

    private EcsEmulator() {}

    /** Registers ECS on {@code aws}. */
    public static EcsEmulator on(AwsEmulator aws) {
        EcsEmulator ecs = new EcsEmulator();
        aws.jsonOperation(TARGET_PREFIX, "RegisterTaskDefinition", ecs::registerTaskDefinition);
        aws.jsonOperation(TARGET_PREFIX, "DescribeTaskDefinition", ecs::describeTaskDefinition);
        aws.jsonOperation(TARGET_PREFIX, "DeregisterTaskDefinition", ecs::deregisterTaskDefinition);
        aws.jsonOperation(TARGET_PREFIX, "DescribeServices", ecs::describeServices);
        aws.jsonOperation(TARGET_PREFIX, "UpdateService", ecs::updateService);
        aws.jsonOperation(TARGET_PREFIX, "ListTasks", ecs::listTasks);
        aws.jsonOperation(TARGET_PREFIX, "DescribeTasks", ecs::describeTasks);
        return ecs;
    }

    /** How many failed tasks trip the circuit breaker (ECS: at least 3 in reality; 2 keeps tests short). */
    public synchronized EcsEmulator circuitBreakerThreshold(int failedTasks) {
        this.circuitBreakerThreshold = failedTasks;
        return this;
    }

    /**
     * Fault: resolve an image that has a tag and a digest by its tag only, as a misconfigured pull-through mirror
     * would, so that tasks run whatever the tag points to now.
     */
    public synchronized EcsEmulator resolveTagsIgnoringDigests() {
        this.resolveTagsIgnoringDigests = true;
        return this;
    }

    /** Every RegisterTaskDefinition body as the client sent it, in order. */
    public List<JsonNode> registerRequests() {
        return List.copyOf(registerRequests);
    }

    /**
     * A service that already runs {@code taskDefinitionArn} with {@code desiredCount} RUNNING tasks (resolved against
     * the registries like any others) and one COMPLETED deployment.
     */
    public synchronized void givenService(
            String cluster,
            String service,
            String taskDefinitionArn,
            int desiredCount,
            boolean circuitBreaker,
            boolean rollback,
            Map<String, String> tags)
            throws AwsEmulator.AwsError {
        taskDefinition(taskDefinitionArn);
        ServiceState state = new ServiceState(cluster, service, desiredCount, circuitBreaker, rollback, tags);
        ObjectNode deployment = state.newDeployment(taskDefinitionArn, nextId());
        deployment.put("rolloutState", "COMPLETED");
        deployment.put(
                "rolloutStateReason", "ECS deployment " + deployment.get("id").asText() + " completed.");
        services.put(cluster + "/" + service, state);
        for (int i = 0; i < desiredCount; i++) {
            ObjectNode task = launch(state, deployment);
            task.put("lastStatus", "RUNNING");
        }
        state.refreshCounts();
    }

    /** The task definition currently set on the service. */
    public synchronized String serviceTaskDefinition(String cluster, String service) {
        return services.get(cluster + "/" + service)
                .primary()
                .get("taskDefinition")
                .asText();
    }

    /** The digests the service's RUNNING tasks report for {@code container}. */
    public synchronized List<String> runningDigests(String cluster, String service, String container) {
        List<String> digests = new ArrayList<>();
        for (ObjectNode task : tasks) {
            if (task.get("group").asText().equals("service:" + service)
                    && task.get("clusterArn").asText().endsWith("/" + cluster)
                    && "RUNNING".equals(task.get("lastStatus").asText())) {
                for (JsonNode c : task.get("containers")) {
                    if (container.equals(c.get("name").asText())) {
                        digests.add(c.path("imageDigest").asText(null));
                    }
                }
            }
        }
        return digests;
    }

    // ---- operations -------------------------------------------------------------------------------------------

    /** Registers a task definition as if a client had (not recorded in {@link #registerRequests()}); its ARN. */
    public synchronized String registerForTest(String json) throws AwsEmulator.AwsError {
        try {
            return register(JSON.readTree(json))
                    .get("taskDefinition")
                    .get("taskDefinitionArn")
                    .asText();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private synchronized AwsEmulator.Response registerTaskDefinition(AwsEmulator.Request request)
            throws AwsEmulator.AwsError {
        JsonNode body = request.json();
        registerRequests.add(body);
        return AwsEmulator.Response.json(register(body));
    }

    private ObjectNode register(JsonNode body) throws AwsEmulator.AwsError {
        String family = body.path("family").asText("");
        if (family.isEmpty()
                || !body.path("containerDefinitions").isArray()
                || body.get("containerDefinitions").isEmpty()) {
            throw new AwsEmulator.AwsError(
                    400, "ClientException", "Task definition needs a family and at least one container definition.");
        }
        for (JsonNode tag : body.path("tags")) {
            if (tag.path("key").asText().startsWith("aws:")) {
                throw new AwsEmulator.AwsError(
                        400, "InvalidParameterException", "Tag keys must not begin with the reserved prefix aws:.");
            }
        }
        List<ObjectNode> revisions = families.computeIfAbsent(family, f -> new ArrayList<>());
        ObjectNode definition = ((ObjectNode) body.deepCopy());
        definition.remove("tags");
        int revision = revisions.size() + 1;
        String arn = "arn:aws:ecs:" + REGION_ACCOUNT + ":task-definition/" + family + ":" + revision;
        definition.put("taskDefinitionArn", arn);
        definition.put("revision", revision);
        definition.put("status", "ACTIVE");
        definition
                .putArray("requiresAttributes")
                .addObject()
                .put("name", "com.amazonaws.ecs.capability.docker-remote-api.1.18");
        ArrayNode compatibilities = definition.putArray("compatibilities");
        compatibilities.add("EC2");
        compatibilities.add("FARGATE");
        definition.put("registeredAt", Instant.now().toEpochMilli() / 1000.0);
        definition.put("registeredBy", "arn:aws:iam::" + StsEmulator.ACCOUNT + ":user/emulator");
        revisions.add(definition);
        ArrayNode tags = body.has("tags") ? (ArrayNode) body.get("tags").deepCopy() : JSON.createArrayNode();
        tagsByArn.put(arn, tags);
        ObjectNode answer = JSON.createObjectNode();
        answer.set("taskDefinition", definition);
        answer.set("tags", tags);
        return answer;
    }

    /** Tags a task definition as a stack would (AWS-owned tags cannot be registered through the API). */
    public synchronized void tagTaskDefinition(String arn, String key, String value) {
        tagsByArn
                .computeIfAbsent(arn, a -> JSON.createArrayNode())
                .addObject()
                .put("key", key)
                .put("value", value);
    }

    private synchronized AwsEmulator.Response describeTaskDefinition(AwsEmulator.Request request)
            throws AwsEmulator.AwsError {
        JsonNode body = request.json();
        ObjectNode definition = taskDefinition(body.path("taskDefinition").asText());
        ObjectNode answer = JSON.createObjectNode();
        answer.set("taskDefinition", definition);
        boolean withTags = false;
        for (JsonNode include : body.path("include")) {
            withTags |= "TAGS".equals(include.asText());
        }
        if (withTags) {
            answer.set(
                    "tags",
                    tagsByArn.getOrDefault(definition.get("taskDefinitionArn").asText(), JSON.createArrayNode()));
        }
        return AwsEmulator.Response.json(answer);
    }

    private synchronized AwsEmulator.Response deregisterTaskDefinition(AwsEmulator.Request request)
            throws AwsEmulator.AwsError {
        ObjectNode definition =
                taskDefinition(request.json().path("taskDefinition").asText());
        definition.put("status", "INACTIVE");
        ObjectNode answer = JSON.createObjectNode();
        answer.set("taskDefinition", definition);
        return AwsEmulator.Response.json(answer);
    }

    private synchronized AwsEmulator.Response describeServices(AwsEmulator.Request request) {
        JsonNode body = request.json();
        String cluster = clusterName(body.path("cluster").asText("default"));
        boolean withTags = false;
        for (JsonNode include : body.path("include")) {
            withTags |= "TAGS".equals(include.asText());
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode found = answer.putArray("services");
        ArrayNode failures = answer.putArray("failures");
        for (JsonNode name : body.path("services")) {
            ServiceState state = services.get(cluster + "/" + lastPart(name.asText()));
            if (state == null) {
                failures.addObject()
                        .put("arn", "arn:aws:ecs:" + REGION_ACCOUNT + ":service/" + cluster + "/" + name.asText())
                        .put("reason", "MISSING");
                continue;
            }
            step(state);
            found.add(state.toJson(withTags));
        }
        return AwsEmulator.Response.json(answer);
    }

    private synchronized AwsEmulator.Response updateService(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        JsonNode body = request.json();
        String cluster = clusterName(body.path("cluster").asText("default"));
        ServiceState state =
                services.get(cluster + "/" + lastPart(body.path("service").asText()));
        if (state == null) {
            throw new AwsEmulator.AwsError(400, "ServiceNotFoundException", "Service not found.");
        }
        if (body.has("taskDefinition")) {
            String arn = taskDefinition(body.get("taskDefinition").asText())
                    .get("taskDefinitionArn")
                    .asText();
            state.newDeployment(arn, nextId());
        }
        state.refreshCounts();
        ObjectNode answer = JSON.createObjectNode();
        answer.set("service", state.toJson(false));
        return AwsEmulator.Response.json(answer);
    }

    private synchronized AwsEmulator.Response listTasks(AwsEmulator.Request request) {
        JsonNode body = request.json();
        String cluster = clusterName(body.path("cluster").asText("default"));
        String service = body.path("serviceName").asText(null);
        String desired = body.path("desiredStatus").asText("RUNNING");
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode arns = answer.putArray("taskArns");
        for (ObjectNode task : tasks) {
            if (task.get("clusterArn").asText().endsWith("/" + cluster)
                    && (service == null || task.get("group").asText().equals("service:" + service))
                    && desired.equals(task.get("desiredStatus").asText())) {
                arns.add(task.get("taskArn").asText());
            }
        }
        return AwsEmulator.Response.json(answer);
    }

    private synchronized AwsEmulator.Response describeTasks(AwsEmulator.Request request) {
        JsonNode body = request.json();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode found = answer.putArray("tasks");
        answer.putArray("failures");
        for (JsonNode arn : body.path("tasks")) {
            tasks.stream()
                    .filter(task -> task.get("taskArn").asText().equals(arn.asText())
                            || task.get("taskArn").asText().endsWith("/" + arn.asText()))
                    .findFirst()
                    .ifPresent(found::add);
        }
        return AwsEmulator.Response.json(answer);
    }

    // ---- scheduler --------------------------------------------------------------------------------------------

    private void step(ServiceState state) {
        ObjectNode primary = state.primary();
        if (!"IN_PROGRESS".equals(primary.get("rolloutState").asText())) {
            state.refreshCounts();
            return;
        }
        String deploymentId = primary.get("id").asText();
        for (ObjectNode task : tasks) {
            if (deploymentId.equals(task.get("startedBy").asText())
                    && "PENDING".equals(task.get("lastStatus").asText())) {
                task.put("lastStatus", "RUNNING");
                for (JsonNode container : task.get("containers")) {
                    ((ObjectNode) container).put("lastStatus", "RUNNING");
                }
            }
        }
        long active = tasks.stream()
                .filter(task -> deploymentId.equals(task.get("startedBy").asText())
                        && "RUNNING".equals(task.get("desiredStatus").asText()))
                .count();
        for (long i = active; i < state.desiredCount; i++) {
            ObjectNode task = launch(state, primary);
            if ("STOPPED".equals(task.get("lastStatus").asText())) {
                primary.put("failedTasks", primary.get("failedTasks").asInt() + 1);
            }
        }
        state.refreshCounts();
        if (state.circuitBreaker && primary.get("failedTasks").asInt() >= circuitBreakerThreshold) {
            primary.put("rolloutState", "FAILED");
            primary.put("rolloutStateReason", "ECS deployment circuit breaker: tasks failed to start.");
            state.event("(service " + state.name + ") (deployment " + deploymentId
                    + ") deployment failed: tasks failed to start.");
            if (state.rollback) {
                Optional<String> lastGood = state.lastCompletedTaskDefinition();
                if (lastGood.isPresent()) {
                    ObjectNode back = state.newDeployment(lastGood.get(), nextId());
                    state.event("(service " + state.name + ") rolling back to deployment "
                            + back.get("id").asText() + ".");
                }
            }
            return;
        }
        long running = tasks.stream()
                .filter(task -> deploymentId.equals(task.get("startedBy").asText())
                        && "RUNNING".equals(task.get("lastStatus").asText()))
                .count();
        if (running == state.desiredCount) {
            for (ObjectNode task : tasks) {
                if (task.get("group").asText().equals("service:" + state.name)
                        && !deploymentId.equals(task.get("startedBy").asText())
                        && "RUNNING".equals(task.get("desiredStatus").asText())) {
                    stop(task, "Scaling activity initiated by (deployment " + deploymentId + ")", null);
                }
            }
            state.deployments.removeIf(d -> d != primary);
            primary.put("rolloutState", "COMPLETED");
            primary.put("rolloutStateReason", "ECS deployment " + deploymentId + " completed.");
            state.completedTaskDefinitions.add(primary.get("taskDefinition").asText());
            state.event("(service " + state.name + ") has reached a steady state.");
            state.refreshCounts();
        }
    }

    /** Starts a task of the deployment's task definition: PENDING when every image resolves, else STOPPED. */
    private ObjectNode launch(ServiceState state, ObjectNode deployment) {
        String arn = deployment.get("taskDefinition").asText();
        ObjectNode definition;
        try {
            definition = taskDefinition(arn);
        } catch (AwsEmulator.AwsError e) {
            throw new IllegalStateException(e);
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        ObjectNode task = JSON.createObjectNode();
        String taskArn = "arn:aws:ecs:" + REGION_ACCOUNT + ":task/" + state.cluster + "/" + id;
        task.put("taskArn", taskArn);
        task.put("clusterArn", "arn:aws:ecs:" + REGION_ACCOUNT + ":cluster/" + state.cluster);
        task.put("taskDefinitionArn", arn);
        task.put("group", "service:" + state.name);
        task.put("startedBy", deployment.get("id").asText());
        task.put("launchType", "FARGATE");
        task.put("createdAt", Instant.now().toEpochMilli() / 1000.0);
        task.put("desiredStatus", "RUNNING");
        task.put("lastStatus", "PENDING");
        ArrayNode containers = task.putArray("containers");
        String failure = null;
        for (JsonNode definitionContainer : definition.get("containerDefinitions")) {
            ObjectNode container = containers.addObject();
            String image = definitionContainer.path("image").asText();
            container.put(
                    "containerArn",
                    "arn:aws:ecs:" + REGION_ACCOUNT + ":container/" + state.cluster + "/" + id + "/"
                            + UUID.randomUUID());
            container.put("taskArn", taskArn);
            container.put("name", definitionContainer.path("name").asText());
            container.put("image", image);
            container.put("lastStatus", "PENDING");
            String pulled = pull(image);
            if (pulled.startsWith("sha256:")) {
                container.put("imageDigest", pulled);
            } else {
                container.put("reason", pulled);
                failure = failure == null ? pulled : failure;
            }
        }
        tasks.add(task);
        if (failure != null) {
            stop(task, failure, "TaskFailedToStart");
        }
        return task;
    }

    private static void stop(ObjectNode task, String reason, String stopCode) {
        task.put("desiredStatus", "STOPPED");
        task.put("lastStatus", "STOPPED");
        task.put("stoppedReason", reason);
        task.put("stoppedAt", Instant.now().toEpochMilli() / 1000.0);
        if (stopCode != null) {
            task.put("stopCode", stopCode);
        }
        for (JsonNode container : task.get("containers")) {
            ((ObjectNode) container).put("lastStatus", "STOPPED");
        }
    }

    /** The digest the registry answers for {@code image}, or the CannotPullContainerError text. */
    private String pull(String image) {
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        } catch (RuntimeException e) {
            return "CannotPullContainerError: invalid reference format: " + image;
        }
        String manifest = reference.digest().isPresent()
                        && !(resolveTagsIgnoringDigests && reference.tag().isPresent())
                ? reference.digest().get().toString()
                : reference.tag().orElse("latest");
        URI uri = URI.create(
                "http://" + reference.registry() + "/v2/" + reference.repository() + "/manifests/" + manifest);
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .header("Accept", EcrEmulator.MANIFEST_TYPES)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
            }
            return "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                    + image + ": " + reference.registry() + "/" + reference.repository() + ":" + manifest
                    + ": not found";
        } catch (IOException e) {
            return "CannotPullContainerError: failed to resolve ref " + image + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "CannotPullContainerError: interrupted";
        }
    }

    private ObjectNode taskDefinition(String nameOrArn) throws AwsEmulator.AwsError {
        String text = lastPart(nameOrArn);
        int colon = text.lastIndexOf(':');
        String family = colon < 0 ? text : text.substring(0, colon);
        List<ObjectNode> revisions = families.get(family);
        if (revisions == null || revisions.isEmpty()) {
            throw new AwsEmulator.AwsError(400, "ClientException", "Unable to describe task definition.");
        }
        if (colon < 0) {
            return revisions.get(revisions.size() - 1);
        }
        int revision = Integer.parseInt(text.substring(colon + 1));
        if (revision < 1 || revision > revisions.size()) {
            throw new AwsEmulator.AwsError(400, "ClientException", "Unable to describe task definition.");
        }
        return revisions.get(revision - 1);
    }

    private String nextId() {
        return "ecs-svc/" + ids.incrementAndGet() + "0000000000000";
    }

    private static String clusterName(String nameOrArn) {
        return lastPart(nameOrArn);
    }

    private static String lastPart(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    private final class ServiceState {
        final String cluster;
        final String name;
        final int desiredCount;
        final boolean circuitBreaker;
        final boolean rollback;
        final Map<String, String> tags;
        final List<ObjectNode> deployments = new ArrayList<>();
        final List<String> completedTaskDefinitions = new ArrayList<>();
        final List<ObjectNode> events = new ArrayList<>();

        ServiceState(
                String cluster,
                String name,
                int desiredCount,
                boolean circuitBreaker,
                boolean rollback,
                Map<String, String> tags) {
            this.cluster = cluster;
            this.name = name;
            this.desiredCount = desiredCount;
            this.circuitBreaker = circuitBreaker;
            this.rollback = rollback;
            this.tags = Map.copyOf(tags);
        }

        ObjectNode primary() {
            return deployments.get(0);
        }

        ObjectNode newDeployment(String taskDefinitionArn, String id) {
            for (ObjectNode deployment : deployments) {
                deployment.put("status", "ACTIVE");
            }
            double now = Instant.now().toEpochMilli() / 1000.0;
            ObjectNode deployment = JSON.createObjectNode();
            deployment.put("id", id);
            deployment.put("status", "PRIMARY");
            deployment.put("taskDefinition", taskDefinitionArn);
            deployment.put("desiredCount", desiredCount);
            deployment.put("pendingCount", 0);
            deployment.put("runningCount", 0);
            deployment.put("failedTasks", 0);
            deployment.put("createdAt", now);
            deployment.put("updatedAt", now);
            deployment.put("launchType", "FARGATE");
            deployment.put("rolloutState", "IN_PROGRESS");
            deployment.put("rolloutStateReason", "ECS deployment " + id + " in progress.");
            deployments.add(0, deployment);
            if (completedTaskDefinitions.isEmpty() && deployments.size() == 1) {
                completedTaskDefinitions.add(taskDefinitionArn);
            }
            return deployment;
        }

        Optional<String> lastCompletedTaskDefinition() {
            return completedTaskDefinitions.isEmpty()
                    ? Optional.empty()
                    : Optional.of(completedTaskDefinitions.get(completedTaskDefinitions.size() - 1));
        }

        void refreshCounts() {
            for (ObjectNode deployment : deployments) {
                String id = deployment.get("id").asText();
                deployment.put("runningCount", count(id, "RUNNING"));
                deployment.put("pendingCount", count(id, "PENDING"));
            }
        }

        private int count(String deploymentId, String lastStatus) {
            return (int) tasks.stream()
                    .filter(task -> deploymentId.equals(task.get("startedBy").asText())
                            && lastStatus.equals(task.get("lastStatus").asText()))
                    .count();
        }

        void event(String message) {
            ObjectNode event = JSON.createObjectNode();
            event.put("id", UUID.randomUUID().toString());
            event.put("createdAt", Instant.now().toEpochMilli() / 1000.0);
            event.put("message", message);
            events.add(0, event);
        }

        ObjectNode toJson(boolean withTags) {
            ObjectNode service = JSON.createObjectNode();
            service.put("serviceArn", "arn:aws:ecs:" + REGION_ACCOUNT + ":service/" + cluster + "/" + name);
            service.put("serviceName", name);
            service.put("clusterArn", "arn:aws:ecs:" + REGION_ACCOUNT + ":cluster/" + cluster);
            service.put("status", "ACTIVE");
            service.put("desiredCount", desiredCount);
            int running = 0;
            int pending = 0;
            for (ObjectNode deployment : deployments) {
                running += deployment.get("runningCount").asInt();
                pending += deployment.get("pendingCount").asInt();
            }
            service.put("runningCount", running);
            service.put("pendingCount", pending);
            service.put("launchType", "FARGATE");
            service.put("taskDefinition", primary().get("taskDefinition").asText());
            ObjectNode configuration = service.putObject("deploymentConfiguration");
            configuration
                    .putObject("deploymentCircuitBreaker")
                    .put("enable", circuitBreaker)
                    .put("rollback", rollback);
            configuration.put("maximumPercent", 200);
            configuration.put("minimumHealthyPercent", 100);
            service.putObject("deploymentController").put("type", "ECS");
            ArrayNode list = service.putArray("deployments");
            deployments.forEach(list::add);
            ArrayNode eventList = service.putArray("events");
            events.forEach(eventList::add);
            if (withTags) {
                ArrayNode tagList = service.putArray("tags");
                tags.forEach((key, value) -> tagList.addObject().put("key", key).put("value", value));
            }
            return service;
        }
    }
}
