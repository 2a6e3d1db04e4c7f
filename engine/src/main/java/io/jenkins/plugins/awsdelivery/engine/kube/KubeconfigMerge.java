package io.jenkins.plugins.awsdelivery.engine.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several kubeconfig files merged into one, by kubectl's rules for a {@code KUBECONFIG} list ("Organizing Cluster Access
 * Using kubeconfig Files", merging): files that do not exist are skipped; the first file to set a value or a map key
 * wins and is never changed — the first {@code current-context}, and for clusters, contexts and users the first entry
 * of each name, whole (a later entry of the same name is discarded, even its fields the first one lacks). Relative file
 * paths (CA, client certificate and key, token file, exec command) are resolved against the file they come from, as
 * client-go does.
 */
final class KubeconfigMerge {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> NAMED_LISTS = List.of("clusters", "contexts", "users");

    private KubeconfigMerge() {}

    /** The merged kubeconfig as YAML. */
    static String merge(List<Path> files) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Object>>> named = new LinkedHashMap<>();
        NAMED_LISTS.forEach(list -> named.put(list, new LinkedHashMap<>()));
        Set<Path> read = new LinkedHashSet<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            read.add(file);
            Map<String, Object> config = read(file);
            for (Map.Entry<String, Object> entry : config.entrySet()) {
                if (NAMED_LISTS.contains(entry.getKey()) && entry.getValue() instanceof List<?> entries) {
                    for (Object item : entries) {
                        if (item instanceof Map<?, ?> map && map.get("name") instanceof String name) {
                            named.get(entry.getKey())
                                    .putIfAbsent(name, resolvePaths(entry.getKey(), copy(map), file.getParent()));
                        }
                    }
                } else if (entry.getValue() != null && !"".equals(entry.getValue())) {
                    merged.putIfAbsent(entry.getKey(), entry.getValue());
                }
            }
        }
        if (read.isEmpty()) {
            throw new InvalidParameterException("kubeconfig", "none of " + files + " exists");
        }
        named.forEach((list, entries) -> merged.put(list, new ArrayList<>(entries.values())));
        try {
            return YAML.writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw new DeliveryException("merging kubeconfigs " + read + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> read(Path file) {
        try {
            Map<String, Object> config = YAML.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
            return config == null ? Map.of() : config;
        } catch (IOException e) {
            throw new DeliveryException(
                    "reading kubeconfig " + file + ": " + e.getMessage() + "; check that it is a valid kubeconfig");
        }
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolvePaths(String list, Map<String, Object> entry, Path directory) {
        String body =
                switch (list) {
                    case "clusters" -> "cluster";
                    case "users" -> "user";
                    default -> null;
                };
        if (body == null || directory == null || !(entry.get(body) instanceof Map<?, ?> fields)) {
            return entry;
        }
        Map<String, Object> resolved = copy(fields);
        for (String key : List.of("certificate-authority", "client-certificate", "client-key", "tokenFile")) {
            if (resolved.get(key) instanceof String path && !path.isEmpty()) {
                resolved.put(key, directory.resolve(path).toString());
            }
        }
        if (resolved.get("exec") instanceof Map<?, ?> exec && exec.get("command") instanceof String command) {
            // client-go resolves an exec command only when it is a path (contains a separator), not a name on PATH.
            if (command.contains("/") && !Path.of(command).isAbsolute()) {
                Map<String, Object> execCopy = copy(exec);
                execCopy.put("command", directory.resolve(command).toString());
                resolved.put("exec", execCopy);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>(entry);
        result.put(body, resolved);
        return result;
    }
}
