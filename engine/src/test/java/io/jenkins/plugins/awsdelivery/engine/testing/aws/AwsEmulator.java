package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the AWS control plane (ECR, EKS, STS) on a loopback port, the only AWS part that is faked in this
 * project's tests: the real AWS SDK v2 talks to it through {@code endpointOverride}. It speaks the three wire
 * protocols those services use and routes each call to an {@link Operation} that a service emulator registered:
 *
 * <ul>
 *   <li>AWS JSON 1.1 (ECR): {@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>};
 *   <li>AWS Query (STS): {@code POST /} with a form body {@code Action=<Operation>&...}, XML answers;
 *   <li>REST-JSON (EKS): a method and a path pattern, e.g. {@code GET /clusters/{name}}.
 * </ul>
 *
 * Every request must carry a SigV4 {@code Authorization} header, as AWS requires; a request without one is refused
 * with 403, so a test proves the SDK signed it. The only exceptions are the {@link #UNSIGNED_QUERY_ACTIONS}, which AWS
 * accepts unsigned (their caller has no AWS credentials yet); those are recorded with a null access key id. The access
 * key id of each call is recorded for assertions.
 */
public final class AwsEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/([^/]+)/([^/]+)/([^/]+)/");
    /**
     * AWS Query actions that AWS serves without a signature: STS {@code AssumeRoleWithWebIdentity}, whose caller proves
     * who it is with the web identity token in the request (the SDK sends it unsigned).
     */
    static final java.util.Set<String> UNSIGNED_QUERY_ACTIONS = java.util.Set.of("AssumeRoleWithWebIdentity");

    private final HttpServer server;
    private final Map<String, Operation> jsonTargets = new ConcurrentHashMap<>();
    private final Map<String, Operation> queryActions = new ConcurrentHashMap<>();
    private final List<RestRoute> restRoutes = new CopyOnWriteArrayList<>();
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();

    private AwsEmulator(HttpServer server) {
        this.server = server;
    }

    /** Starts an emulator with no services on a free loopback port; service emulators register themselves. */
    public static AwsEmulator start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AwsEmulator emulator = new AwsEmulator(server);
        server.createContext("/", emulator::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "aws-emulator");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return emulator;
    }

    /** What to pass to the SDK's {@code endpointOverride} and to the CLI's {@code --endpoint-url}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Routes AWS JSON 1.1 calls with {@code X-Amz-Target: targetPrefix.operation}. */
    public void jsonOperation(String targetPrefix, String operation, Operation handler) {
        jsonTargets.put(targetPrefix + "." + operation, handler);
    }

    /** Routes AWS Query calls with {@code Action=action}. */
    public void queryOperation(String action, Operation handler) {
        queryActions.put(action, handler);
    }

    /** Routes REST calls; the path pattern's groups are available from {@link Request#pathGroup(int)}. */
    public void restOperation(String method, String pathRegex, Operation handler) {
        restRoutes.add(new RestRoute(method, Pattern.compile(pathRegex), handler));
    }

    /** Every call that reached an operation, in order. */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher credential = authorization == null ? null : CREDENTIAL.matcher(authorization);
            String accessKeyId;
            String signingRegion;
            String signingService;
            if (authorization != null
                    && authorization.startsWith("AWS4-HMAC-SHA256 ")
                    && credential.find()
                    && authorization.contains("Signature=")) {
                accessKeyId = credential.group(1);
                signingRegion = credential.group(3);
                signingService = credential.group(4);
            } else if (authorization == null && target == null && isUnsignedQueryAction(method, path, exchange, body)) {
                accessKeyId = null;
                signingRegion = null;
                signingService = "sts";
            } else {
                send(exchange, Response.jsonError(403, "MissingAuthenticationTokenException", "request is not signed"));
                return;
            }
            Request request;
            Operation operation;
            String name;
            if (target != null) {
                operation = jsonTargets.get(target);
                name = target.substring(target.indexOf('.') + 1);
                request = new Request(method, path, body, Map.of(), List.of(), accessKeyId, signingRegion, exchange);
            } else if ("POST".equals(method) && "/".equals(path) && isForm(exchange)) {
                Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
                name = form.getOrDefault("Action", "");
                operation = queryActions.get(name);
                request = new Request(method, path, body, form, List.of(), accessKeyId, signingRegion, exchange);
            } else {
                operation = null;
                name = method + " " + path;
                request = null;
                for (RestRoute route : restRoutes) {
                    Matcher matcher = route.path.matcher(path);
                    if (route.method.equals(method) && matcher.matches()) {
                        List<String> groups = new ArrayList<>();
                        for (int i = 1; i <= matcher.groupCount(); i++) {
                            groups.add(URLDecoder.decode(matcher.group(i), StandardCharsets.UTF_8));
                        }
                        operation = route.handler;
                        request =
                                new Request(method, path, body, Map.of(), groups, accessKeyId, signingRegion, exchange);
                        break;
                    }
                }
            }
            if (operation == null) {
                send(exchange, Response.jsonError(400, "UnknownOperationException", "emulator has no " + name));
                return;
            }
            calls.add(new RecordedCall(signingService, name, accessKeyId, signingRegion));
            Response response;
            try {
                response = operation.handle(request);
            } catch (AwsError error) {
                response = target == null && request.form().containsKey("Action")
                        ? Response.queryError(error.status, error.code, error.getMessage())
                        : Response.jsonError(error.status, error.code, error.getMessage());
            }
            send(exchange, response);
        } catch (RuntimeException e) {
            send(exchange, Response.jsonError(500, "InternalFailure", String.valueOf(e)));
        }
    }

    private static boolean isUnsignedQueryAction(String method, String path, HttpExchange exchange, byte[] body) {
        return "POST".equals(method)
                && "/".equals(path)
                && isForm(exchange)
                && UNSIGNED_QUERY_ACTIONS.contains(
                        parseForm(new String(body, StandardCharsets.UTF_8)).get("Action"));
    }

    private static boolean isForm(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    private static Map<String, String> parseForm(String text) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders()
                .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (response.errorCode() != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", response.errorCode());
        }
        byte[] bytes = response.body();
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** One service operation. */
    @FunctionalInterface
    public interface Operation {
        Response handle(Request request) throws AwsError;
    }

    /** A call as the emulator received it. */
    public record Request(
            String method,
            String path,
            byte[] body,
            Map<String, String> form,
            List<String> pathGroups,
            String accessKeyId,
            String signingRegion,
            HttpExchange exchange) {

        /** The JSON body (AWS JSON 1.1 and REST-JSON); an empty object when there is none. */
        public com.fasterxml.jackson.databind.JsonNode json() {
            try {
                return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("request body is not JSON", e);
            }
        }

        public String pathGroup(int index) {
            return pathGroups.get(index);
        }

        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }
    }

    /** An answer: status, content type and body. */
    public record Response(int status, String contentType, byte[] body, String errorCode) {
        public static Response json(Object value) {
            try {
                return new Response(200, "application/x-amz-json-1.1", JSON.writeValueAsBytes(value), null);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        public static Response restJson(int status, Object value) {
            try {
                return new Response(status, "application/json", JSON.writeValueAsBytes(value), null);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        public static Response xml(String document) {
            return new Response(200, "text/xml", document.getBytes(StandardCharsets.UTF_8), null);
        }

        static Response jsonError(int status, String code, String message) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("__type", code);
            body.put("message", message);
            try {
                return new Response(status, "application/x-amz-json-1.1", JSON.writeValueAsBytes(body), code);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        static Response queryError(int status, String code, String message) {
            String xml = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                    + "<Code>" + code + "</Code><Message>" + escapeXml(message) + "</Message></Error>"
                    + "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>";
            return new Response(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8), code);
        }
    }

    /** An AWS error answer, e.g. {@code new AwsError(400, "RepositoryNotFoundException", "...")}. */
    public static final class AwsError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        public AwsError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * A call that reached an operation: which service the SDK signed for, the operation, and who signed it (access key
     * id and region null for an unsigned call).
     */
    public record RecordedCall(String service, String operation, String accessKeyId, String region) {}

    private record RestRoute(String method, Pattern path, Operation handler) {}

    public static String escapeXml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
