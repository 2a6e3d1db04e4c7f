package io.jenkins.plugins.awsdelivery.engine.ecs;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsCall;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * The ECS calls of one deploy, for one service of one cluster, with errors translated by {@link AwsCall}.
 */
final class EcsCalls {
    private static final int DESCRIBE_TASKS_LIMIT = 100;

    private final EcsClient client;
    private final String cluster;
    private final String service;

    EcsCalls(EcsClient client, String cluster, String service) {
        this.client = client;
        this.cluster = cluster;
        this.service = service;
    }

    String service() {
        return service;
    }

    /** DescribeServices with tags; a missing or inactive service is an error that says so. */
    Service describeService() {
        DescribeServicesResponse response = call(
                "DescribeServices",
                () -> client.describeServices(
                        r -> r.cluster(cluster).services(service).include(ServiceField.TAGS)));
        if (!response.services().isEmpty()) {
            Service found = response.services().get(0);
            if (!"ACTIVE".equals(found.status())) {
                throw new DeliveryException("ECS service " + service + " in cluster " + cluster + " is "
                        + found.status() + "; only an ACTIVE service can be deployed");
            }
            return found;
        }
        String reason = response.failures().isEmpty()
                ? "not found"
                : response.failures().get(0).reason();
        throw new DeliveryException("ECS service " + service + " in cluster " + cluster + ": " + reason
                + "; check the service and cluster names (and the region)");
    }

    DescribeTaskDefinitionResponse describeTaskDefinition(String taskDefinition) {
        return call(
                "DescribeTaskDefinition",
                () -> client.describeTaskDefinition(
                        r -> r.taskDefinition(taskDefinition).include(TaskDefinitionField.TAGS)));
    }

    String register(RegisterTaskDefinitionRequest request) {
        return call("RegisterTaskDefinition", () -> client.registerTaskDefinition(request))
                .taskDefinition()
                .taskDefinitionArn();
    }

    Service updateService(String taskDefinitionArn) {
        return call(
                        "UpdateService",
                        () -> client.updateService(
                                r -> r.cluster(cluster).service(service).taskDefinition(taskDefinitionArn)))
                .service();
    }

    /** The service's tasks with that desired status, described. */
    List<Task> tasks(DesiredStatus desiredStatus) {
        List<String> arns = new ArrayList<>();
        call("ListTasks", () -> {
            client.listTasksPaginator(
                            r -> r.cluster(cluster).serviceName(service).desiredStatus(desiredStatus))
                    .taskArns()
                    .forEach(arns::add);
            return null;
        });
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += DESCRIBE_TASKS_LIMIT) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_TASKS_LIMIT));
            tasks.addAll(call(
                            "DescribeTasks",
                            () -> client.describeTasks(r -> r.cluster(cluster).tasks(batch)))
                    .tasks());
        }
        return tasks;
    }

    private <T> T call(String operation, Supplier<T> call) {
        return AwsCall.call(
                "ECS " + operation + " for service " + service + " in cluster " + cluster,
                call,
                code -> hint(code, operation));
    }

    private static String hint(String code, String operation) {
        if ("AccessDeniedException".equals(code)) {
            return "; the credentials need ecs:" + operation + " (see docs/ecs.md for the minimal policy)";
        }
        if ("ClusterNotFoundException".equals(code)) {
            return "; check the cluster name and the region";
        }
        return "";
    }
}
