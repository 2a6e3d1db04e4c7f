package io.jenkins.plugins.awsdelivery.engine.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD mock server plus server-side apply, which the mock refuses (404 for an absent object, 415 for a
 * present one). A PATCH with {@code application/apply-patch+yaml} creates the object when absent and merges it into
 * the stored one when present (maps merged key by key, lists replaced by the applied ones, status and metadata the
 * server owns kept). {@code dryRun=All} answers with the result without storing anything. Everything else goes to the
 * parent. A strategic merge patch (what {@code kubectl rollout undo} sends for StatefulSets and DaemonSets) is merged
 * with its {@code $patch} directives. Every request's method, path and authorization header are recorded for
 * assertions.
 */
public final class ServerSideApplyDispatcher extends KubernetesCrudDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Duration applyDelay = Duration.ZERO;
    private volatile Refusal refusal;
    private final Set<WebSocket> openWatches = ConcurrentHashMap.newKeySet();

    private record Refusal(int status, String method, String message) {}

    /** A request as the mock received it. */
    public record Recorded(String method, String path, String authorization, String contentType) {}

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Requests that would change state (anything but GET), excluding the given path prefix filters. */
    public List<Recorded> writes() {
        return requests.stream().filter(r -> !r.method().equals("GET")).toList();
    }

    public void clearRecorded() {
        requests.clear();
    }

    /**
     * Answers every later request with {@code method} (any method when null) with a Kubernetes {@code Status} of
     * {@code status}, as an API server that does not accept (401) or does not allow (403) the caller.
     */
    public void refuse(int status, String method, String message) {
        this.refusal = new Refusal(status, method, message);
    }

    /** How many watches whose request path contains {@code pathPart} are open now. */
    public int openWatches(String pathPart) {
        return (int) openWatches.stream()
                .filter(watch -> watch.request().getPath().contains(pathPart))
                .count();
    }

    /**
     * Ends every open watch whose request path contains {@code pathPart} from the server's side (a normal WebSocket
     * close), as an API server does when a watch reaches its timeout or the server restarts. Returns how many it closed.
     */
    public int closeWatches(String pathPart) {
        int closed = 0;
        for (WebSocket watch : List.copyOf(openWatches)) {
            if (watch.request().getPath().contains(pathPart) && watch.close(1000, "watch ended by the server")) {
                closed++;
            }
            openWatches.remove(watch);
        }
        return closed;
    }

    @Override
    public MockResponse handleWatch(String path) {
        MockResponse response = super.handleWatch(path);
        WebSocketListener events = response.getWebSocketListener();
        if (events == null) {
            return response;
        }
        return response.withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response upgrade) {
                openWatches.add(webSocket);
                events.onOpen(webSocket, upgrade);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                events.onMessage(webSocket, text);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                openWatches.remove(webSocket);
                events.onClosing(webSocket, code, reason);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                openWatches.remove(webSocket);
                events.onClosed(webSocket, code, reason);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
                openWatches.remove(webSocket);
                events.onFailure(webSocket, failure, response);
            }
        });
    }

    /** Answers every later server-side apply only after {@code delay} (a slow or hanging API server). */
    public void delayApplies(Duration delay) {
        this.applyDelay = delay;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(new Recorded(
                request.getMethod(),
                request.getPath(),
                request.getHeader("Authorization"),
                request.getHeader("Content-Type")));
        Refusal refused = refusal;
        if (refused != null && (refused.method() == null || refused.method().equals(request.getMethod()))) {
            String reason = refused.status() == 401 ? "Unauthorized" : "Forbidden";
            return new MockResponse()
                    .setResponseCode(refused.status())
                    .setHeader("Content-Type", "application/json")
                    .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                            + "\"message\":" + JSON.valueToTree(refused.message()) + ",\"reason\":\"" + reason
                            + "\",\"code\":" + refused.status() + "}");
        }
        return super.dispatch(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/strategic-merge-patch+json")) {
            return strategicMergePatch(request);
        }
        if (contentType == null || !contentType.startsWith("application/apply-patch+yaml")) {
            return super.handlePatch(request);
        }
        MockResponse response = apply(request);
        return applyDelay.isZero() ? response : response.setBodyDelay(applyDelay);
    }

    private MockResponse apply(RecordedRequest request) {
        String fullPath = request.getPath();
        boolean dryRun = fullPath.contains("dryRun=All");
        String path = fullPath.contains("?") ? fullPath.substring(0, fullPath.indexOf('?')) : fullPath;
        JsonNode applied;
        try {
            applied = YAML.readTree(request.getBody().readUtf8());
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400).setBody("apply body is not YAML: " + e.getMessage());
        }
        String namespace = namespaceOf(path);
        if (namespace != null && handleGet("/api/v1/namespaces/" + namespace).code() == 404) {
            // As the real API server: objects cannot be applied into a namespace that does not exist.
            return new MockResponse()
                    .setResponseCode(404)
                    .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                            + "\"namespaces \\\"" + namespace + "\\\" not found\",\"reason\":\"NotFound\","
                            + "\"details\":{\"name\":\"" + namespace + "\",\"kind\":\"namespaces\"},\"code\":404}");
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            MockResponse current = handleGet(path);
            if (current.code() == 404) {
                if (dryRun) {
                    return new MockResponse().setResponseCode(201).setBody(applied.toString());
                }
                String collection = path.substring(0, path.lastIndexOf('/'));
                MockResponse created = handleCreate(synthetic(HttpMethod.POST, collection, applied.toString()));
                if (created.code() == 409) {
                    continue;
                }
                return created;
            }
            MockResponse updated = update(path, current, merged -> merge(merged, applied), dryRun);
            if (updated.code() == 409) {
                continue; // stored object changed meanwhile (a controller wrote status): merge again
            }
            return updated;
        }
        return new MockResponse().setResponseCode(409).setBody("apply kept conflicting");
    }

    /**
     * A strategic merge patch, as {@code kubectl rollout undo} sends a ControllerRevision's {@code data}: maps merge key
     * by key, {@code null} removes a key, a map carrying the directive {@code "$patch": "replace"} replaces the stored
     * map and {@code "$patch": "delete"} removes it. Lists are replaced whole (the real server merges lists that have
     * a merge key, such as containers by name; the patches these tests send replace their parent map instead).
     */
    private MockResponse strategicMergePatch(RecordedRequest request) {
        String fullPath = request.getPath();
        String path = fullPath.contains("?") ? fullPath.substring(0, fullPath.indexOf('?')) : fullPath;
        JsonNode patch;
        try {
            patch = JSON.readTree(request.getBody().readUtf8());
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400).setBody("patch body is not JSON: " + e.getMessage());
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            MockResponse current = handleGet(path);
            if (current.code() == 404) {
                return current;
            }
            MockResponse updated = update(path, current, merged -> strategicMerge(merged, patch), false);
            if (updated.code() != 409) {
                return updated;
            }
        }
        return new MockResponse().setResponseCode(409).setBody("patch kept conflicting");
    }

    /** Stores {@code change} applied to the {@code current} object (unless a dry run), keeping its resourceVersion. */
    private MockResponse update(
            String path, MockResponse current, java.util.function.Consumer<ObjectNode> change, boolean dryRun) {
        JsonNode stored;
        try {
            stored = JSON.readTree(current.getBody().readUtf8());
        } catch (IOException e) {
            return new MockResponse().setResponseCode(500).setBody(e.getMessage());
        }
        ObjectNode merged = stored.deepCopy();
        change.accept(merged);
        ObjectNode metadata = (ObjectNode) merged.get("metadata");
        metadata.put(
                "resourceVersion",
                stored.path("metadata").path("resourceVersion").asText());
        if (dryRun) {
            return new MockResponse().setResponseCode(200).setBody(merged.toString());
        }
        return handleUpdate(synthetic(HttpMethod.PUT, path, merged.toString()));
    }

    private static void strategicMerge(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("$patch")) {
                continue;
            }
            String directive = value.path("$patch").asText("");
            if (value.isNull() || directive.equals("delete")) {
                target.remove(key);
            } else if (value.isObject() && directive.equals("replace")) {
                ObjectNode replacement = value.deepCopy();
                replacement.remove("$patch");
                target.set(key, replacement);
            } else if (value.isObject() && target.get(key) instanceof ObjectNode existing) {
                strategicMerge(existing, value);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    /** The namespace of a namespaced object's path, e.g. {@code /apis/apps/v1/namespaces/NS/deployments/web}. */
    private static String namespaceOf(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i + 3 < segments.length; i++) {
            if (segments[i].equals("namespaces")) {
                return segments[i + 1];
            }
        }
        return null;
    }

    /** Server-side apply's effect for a single field manager: maps merge, scalars and lists are replaced. */
    private static void merge(ObjectNode target, JsonNode applied) {
        for (Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("status")) {
                continue;
            }
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject
                    && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static RecordedRequest synthetic(HttpMethod method, String path, String body) {
        return new RecordedRequest(
                "HTTP/1.1",
                method,
                path,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer().writeUtf8(body));
    }
}
