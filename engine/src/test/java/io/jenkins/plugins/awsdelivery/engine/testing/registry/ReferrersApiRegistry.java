package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a registry with the OCI 1.1 referrers API (distribution 3, ECR): a proxy in front of a real
 * {@link LocalRegistry} (distribution 2.8, which has no such API) that adds what distribution-spec v1.1 says such a
 * registry does, and nothing else:
 *
 * <ul>
 *   <li>"Pushing Manifests with Subject": a manifest {@code PUT} whose body has a {@code subject} is forwarded; when
 *       stored, the answer carries {@code OCI-Subject: <subject digest>} and the manifest is indexed.
 *   <li>"Listing Referrers": {@code GET /v2/<name>/referrers/<digest>} answers 200 with an OCI image index of
 *       descriptors ({@code mediaType}, {@code digest}, {@code size}, {@code artifactType} = the manifest's
 *       {@code artifactType} else its config's media type, its {@code annotations}); {@code ?artifactType=} filters
 *       and is then named in {@code OCI-Filters-Applied}.
 * </ul>
 *
 * <p>{@link #refusingSubject()} plays a registry that refuses manifests with a subject: 405, as ECR once answered.
 * Everything else goes unchanged to the registry behind (upload locations point there directly).
 */
public final class ReferrersApiRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERRERS = Pattern.compile("^/v2/(.+)/referrers/([a-z0-9]+:[a-f0-9]+)$");
    private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final URI target;
    private final boolean refuseSubject;
    /** repository → subject digest → referrer descriptors, in push order. */
    private final Map<String, Map<String, List<ObjectNode>>> referrers = new ConcurrentHashMap<>();

    private final List<String> requests = new CopyOnWriteArrayList<>();

    private ReferrersApiRegistry(LocalRegistry behind, boolean refuseSubject) throws IOException {
        this.target = behind.url();
        this.refuseSubject = refuseSubject;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "referrers stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (IOException | RuntimeException e) {
                // The client went away.
            }
        });
        server.start();
    }

    /** Serves the referrers API in front of {@code behind}. */
    public static ReferrersApiRegistry of(LocalRegistry behind) {
        return start(behind, false);
    }

    /** Refuses every manifest that carries a {@code subject} with 405 Method Not Allowed. */
    public static ReferrersApiRegistry refusingSubject(LocalRegistry behind) {
        return start(behind, true);
    }

    private static ReferrersApiRegistry start(LocalRegistry behind, boolean refuseSubject) {
        try {
            return new ReferrersApiRegistry(behind, refuseSubject);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:port}. */
    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://" + hostPort());
    }

    /** {@code 127.0.0.1:port/repositoryAndTag}. */
    public String reference(String repositoryAndTag) {
        return hostPort() + "/" + repositoryAndTag;
    }

    /** {@code METHOD path?query} of every request received. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(method + " " + path + (query == null ? "" : "?" + query));
        Matcher listing = REFERRERS.matcher(path);
        if (method.equals("GET") && listing.matches()) {
            listReferrers(exchange, listing.group(1), listing.group(2), query);
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        Matcher manifest = MANIFEST.matcher(path);
        JsonNode subject = null;
        if (method.equals("PUT") && manifest.matches()) {
            subject = parse(body).path("subject");
            if (subject.isObject() && refuseSubject) {
                reply(
                        exchange,
                        405,
                        Map.of("Content-Type", "application/json"),
                        ("{\"errors\":[{\"code\":"
                                        + "\"UNSUPPORTED\",\"message\":\"manifests with a subject are not supported\"}]}")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        HttpResponse<byte[]> answer = forward(exchange, body);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, String.join(",", values));
            }
        });
        if (subject != null && subject.isObject() && answer.statusCode() == 201) {
            index(manifest.group(1), subject.path("digest").asText(), body, exchange);
            headers.put("OCI-Subject", subject.path("digest").asText());
        }
        reply(exchange, answer.statusCode(), headers, method.equals("HEAD") ? new byte[0] : answer.body());
    }

    private void index(String repository, String subject, byte[] manifest, HttpExchange exchange) {
        JsonNode json = parse(manifest);
        ObjectNode descriptor = JSON.createObjectNode();
        descriptor.put(
                "mediaType",
                json.path("mediaType").asText(exchange.getRequestHeaders().getFirst("Content-Type")));
        descriptor.put("digest", Digest.sha256(manifest).toString());
        descriptor.put("size", manifest.length);
        String artifactType = json.path("artifactType").asText("");
        descriptor.put(
                "artifactType",
                artifactType.isEmpty() ? json.path("config").path("mediaType").asText() : artifactType);
        if (json.path("annotations").isObject()) {
            descriptor.set("annotations", json.path("annotations"));
        }
        List<ObjectNode> list = referrers
                .computeIfAbsent(repository, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>());
        if (list.stream().noneMatch(d -> d.path("digest").equals(descriptor.path("digest")))) {
            list.add(descriptor);
        }
    }

    private void listReferrers(HttpExchange exchange, String repository, String subject, String query)
            throws IOException {
        String filter = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("artifactType=")) {
                    filter = URLDecoder.decode(pair.substring("artifactType=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", ImageFixtures.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (ObjectNode descriptor :
                referrers.getOrDefault(repository, Map.of()).getOrDefault(subject, List.of())) {
            if (filter == null || filter.equals(descriptor.path("artifactType").asText())) {
                manifests.add(descriptor);
            }
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", ImageFixtures.OCI_INDEX);
        if (filter != null) {
            headers.put("OCI-Filters-Applied", "artifactType");
        }
        reply(exchange, 200, headers, JSON.writeValueAsBytes(index));
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody =
                body.length == 0 || status == 204 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? JSON.createObjectNode() : json;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
