package io.jenkins.plugins.awsdelivery.engine.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads a task definition file in the shape {@code aws ecs register-task-definition --cli-input-json} takes, into the
 * SDK's request. The SDK's own field model says which fields exist and what type each has, so every field ECS knows
 * is kept without this class naming it. The read-only fields that {@code describe-task-definition} prints (a common
 * way to get such a file) are dropped; any other unknown field is refused, naming it.
 */
final class TaskDefinitionJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> READ_ONLY = Set.of(
            "taskDefinitionArn",
            "revision",
            "status",
            "requiresAttributes",
            "compatibilities",
            "registeredAt",
            "registeredBy",
            "deregisteredAt");

    private TaskDefinitionJson() {}

    static RegisterTaskDefinitionRequest parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidParameterException(
                    "taskDefinition", "is not JSON: " + e.getOriginalMessage().replace('\n', ' '));
        }
        if (root != null
                && root.has("taskDefinition")
                && root.get("taskDefinition").isObject()) {
            root = root.get("taskDefinition"); // describe-task-definition's output, as saved by many pipelines
        }
        if (root == null || !root.isObject()) {
            throw new InvalidParameterException(
                    "taskDefinition", "must be a JSON object as register-task-definition --cli-input-json takes it");
        }
        RegisterTaskDefinitionRequest.Builder builder = RegisterTaskDefinitionRequest.builder();
        fill(builder, root, "", true);
        return builder.build();
    }

    private static void fill(SdkPojo builder, JsonNode object, String path, boolean topLevel) {
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        for (SdkField<?> field : builder.sdkFields()) {
            fields.put(field.locationName(), field);
        }
        Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            if (topLevel && READ_ONLY.contains(name)) {
                continue;
            }
            SdkField<?> field = fields.get(name);
            if (field == null) {
                throw new InvalidParameterException(
                        "taskDefinition",
                        "\"" + path + name + "\" is not a field of an ECS task definition; remove it or fix its"
                                + " spelling (fields: " + String.join(", ", fields.keySet()) + ")");
            }
            field.set(builder, value(field, entry.getValue(), path + name));
        }
    }

    private static Object value(SdkField<?> field, JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING && node.isValueNode()) {
            return node.asText();
        }
        if (type == MarshallingType.INTEGER && node.canConvertToInt() && node.isIntegralNumber()) {
            return node.intValue();
        }
        if (type == MarshallingType.LONG && node.canConvertToLong() && node.isIntegralNumber()) {
            return node.longValue();
        }
        if (type == MarshallingType.BOOLEAN && node.isBoolean()) {
            return node.booleanValue();
        }
        if ((type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) && node.isNumber()) {
            return type == MarshallingType.DOUBLE ? (Object) node.doubleValue() : (Object) node.floatValue();
        }
        if (type == MarshallingType.LIST && node.isArray()) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(value(member, node.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (type == MarshallingType.MAP && node.isObject()) {
            SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields()
                    .forEachRemaining(
                            e -> map.put(e.getKey(), value(valueField, e.getValue(), path + "." + e.getKey())));
            return map;
        }
        if (type == MarshallingType.SDK_POJO && node.isObject()) {
            SdkPojo nested = field.constructor().get();
            fill(nested, node, path + ".", false);
            return ((SdkBuilder<?, ?>) nested).build();
        }
        throw new InvalidParameterException(
                "taskDefinition", "\"" + path + "\" must be " + describe(type) + ", not " + node.getNodeType());
    }

    private static String describe(MarshallingType<?> type) {
        if (type == MarshallingType.LIST) {
            return "a list";
        }
        if (type == MarshallingType.MAP || type == MarshallingType.SDK_POJO) {
            return "an object";
        }
        if (type == MarshallingType.BOOLEAN) {
            return "true or false";
        }
        if (type == MarshallingType.STRING) {
            return "a string";
        }
        return "a number";
    }
}
