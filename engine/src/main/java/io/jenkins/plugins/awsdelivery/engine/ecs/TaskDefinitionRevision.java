package io.jenkins.plugins.awsdelivery.engine.ecs;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The next revision of a task definition: every field as it was (found through the SDK's field model, so fields ECS
 * adds later are kept too), only the images of the named containers replaced by digest references.
 */
final class TaskDefinitionRevision {
    /** The tag CloudFormation puts on everything a stack owns. */
    static final String STACK_NAME_TAG = "aws:cloudformation:stack-name";
    /** Tags with this prefix belong to AWS; RegisterTaskDefinition refuses them. */
    private static final String AWS_TAG_PREFIX = "aws:";

    private TaskDefinitionRevision() {}

    /**
     * The register request that recreates {@code current} with its {@code tags}: the fields of
     * DescribeTaskDefinition's answer that RegisterTaskDefinition takes, which leaves out the read-only ones (ARN,
     * revision, status, requiresAttributes, compatibilities, registeredAt/By, deregisteredAt).
     */
    static RegisterTaskDefinitionRequest fromDescribed(TaskDefinition current, List<Tag> tags) {
        Map<String, SdkField<?>> described = new LinkedHashMap<>();
        for (SdkField<?> field : current.sdkFields()) {
            described.put(field.memberName(), field);
        }
        RegisterTaskDefinitionRequest.Builder builder = RegisterTaskDefinitionRequest.builder();
        for (SdkField<?> field : builder.sdkFields()) {
            SdkField<?> source = described.get(field.memberName());
            if (source != null) {
                field.set(builder, source.getValueOrDefault(current));
            }
        }
        if (!tags.isEmpty()) {
            builder.tags(tags);
        }
        return builder.build();
    }

    /**
     * {@code base} with the images of the named containers replaced and AWS-owned tags left out.
     *
     * @throws InvalidParameterException naming {@code images} when a container is not in the task definition
     */
    static RegisterTaskDefinitionRequest pin(RegisterTaskDefinitionRequest base, Map<String, String> images) {
        List<String> names = base.containerDefinitions().stream()
                .map(ContainerDefinition::name)
                .toList();
        for (String container : images.keySet()) {
            if (!names.contains(container)) {
                throw new InvalidParameterException(
                        "images",
                        "container \"" + container + "\" is not in task definition family " + base.family()
                                + "; its containers are " + names + "; name one of those");
            }
        }
        List<ContainerDefinition> pinned = new ArrayList<>();
        for (ContainerDefinition container : base.containerDefinitions()) {
            String image = images.get(container.name());
            pinned.add(
                    image == null
                            ? container
                            : container.toBuilder().image(image).build());
        }
        RegisterTaskDefinitionRequest.Builder builder = base.toBuilder().containerDefinitions(pinned);
        if (base.hasTags()) {
            List<Tag> own = base.tags().stream()
                    .filter(tag -> tag.key() == null || !tag.key().startsWith(AWS_TAG_PREFIX))
                    .toList();
            builder.tags(own.isEmpty() ? null : (java.util.Collection<Tag>) own);
        }
        return builder.build();
    }

    /** The CloudFormation stack that owns a resource with these tags, when one does. */
    static Optional<String> owningStack(List<Tag> tags) {
        return tags.stream()
                .filter(tag -> STACK_NAME_TAG.equals(tag.key()))
                .map(Tag::value)
                .findFirst();
    }
}
