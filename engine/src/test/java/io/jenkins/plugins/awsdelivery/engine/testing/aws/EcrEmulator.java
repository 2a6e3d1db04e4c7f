package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ECR control plane on an {@link AwsEmulator} (AWS JSON 1.1), stateful and backed by a real local registry:
 * repositories map to that registry's repositories, images are the ones really stored there, and {@code PutImage}
 * writes a manifest into it. Clients push and pull through a {@link RegistryAuthGate} that honours exactly the
 * tokens {@code GetAuthorizationToken} issued and that have not expired or been {@link #revokeTokens() revoked}.
 *
 * <p>Operations: {@code GetAuthorizationToken}, {@code CreateRepository}, {@code DescribeRepositories},
 * {@code PutLifecyclePolicy}, {@code DescribeImages}, {@code BatchGetImage}, {@code PutImage},
 * {@code DescribeImageScanFindings}. List calls (and enhanced scan findings) page by {@link #pageSize(int)}. Scan
 * results are set by the test ({@link #scanAnswers}), in the response shapes of the ECR API reference.
 */
public final class EcrEmulator implements AutoCloseable {
    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String MANIFEST_TYPES = String.join(
            ", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final URI backend;
    private final StsEmulator sts;
    private final RegistryAuthGate gate;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, ScanScript> scans = new ConcurrentHashMap<>();
    private final List<String> lifecyclePolicies = new CopyOnWriteArrayList<>();
    private final AtomicInteger scanPolls = new AtomicInteger();
    private volatile Duration tokenValidity = Duration.ofHours(12);
    private volatile int pageSize = 100;

    private EcrEmulator(URI backend, StsEmulator sts) throws IOException {
        this.backend = backend;
        this.sts = sts;
        this.gate = new RegistryAuthGate(backend, this::honours);
        gate.refuseTagPuts(this::refusesTagPut);
    }

    /** ECR's registry refuses to write an existing tag of an IMMUTABLE repository, even with the same content. */
    private Optional<String> refusesTagPut(String repositoryName, String tag) {
        Repository repository = repositories.get(repositoryName);
        if (repository == null
                || !repository.tagMutability().equals("IMMUTABLE")
                || manifestDigest(repositoryName, tag).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("The image tag '" + tag + "' already exists in the '" + repositoryName
                + "' repository and cannot be overwritten because the repository is immutable.");
    }

    /**
     * Registers ECR on {@code aws}, backed by the plain-HTTP registry at {@code backendRegistry} (no auth). With
     * {@code sts} non-null, calls signed by an expired role session are refused as AWS refuses them.
     */
    public static EcrEmulator on(AwsEmulator aws, URI backendRegistry, StsEmulator sts) throws IOException {
        EcrEmulator ecr = new EcrEmulator(backendRegistry, sts);
        ecr.register(aws, "GetAuthorizationToken", ecr::getAuthorizationToken);
        ecr.register(aws, "CreateRepository", ecr::createRepository);
        ecr.register(aws, "DescribeRepositories", ecr::describeRepositories);
        ecr.register(aws, "PutLifecyclePolicy", ecr::putLifecyclePolicy);
        ecr.register(aws, "DescribeImages", ecr::describeImages);
        ecr.register(aws, "BatchGetImage", ecr::batchGetImage);
        ecr.register(aws, "PutImage", ecr::putImage);
        ecr.register(aws, "DescribeImageScanFindings", ecr::describeImageScanFindings);
        return ecr;
    }

    private void register(AwsEmulator aws, String operation, AwsEmulator.Operation handler) {
        aws.jsonOperation(TARGET_PREFIX, operation, request -> {
            if (sts != null) {
                sts.checkCredentials(request);
            }
            return handler.handle(request);
        });
    }

    /** {@code 127.0.0.1:<port>} of the gate: the registry host of every repository URI. */
    public String registryHost() {
        return gate.hostPort();
    }

    /** How long new tokens live; ECR's are 12 hours. */
    public void tokenValidity(Duration validity) {
        this.tokenValidity = validity;
    }

    /** Makes every token issued so far invalid, as if it had expired. */
    public void revokeTokens() {
        tokens.replaceAll((token, expiry) -> Instant.EPOCH);
    }

    /** Every token issued so far (for the test that no secret leaks). */
    public List<String> issuedTokens() {
        return List.copyOf(tokens.keySet());
    }

    /**
     * Runs {@code action} once, when the next manifest PUT through the gate is stored, before the client gets the
     * answer (the client waits for it).
     */
    public void onNextManifestPut(Runnable action) {
        gate.onNextManifestPut(action);
    }

    /** Page size of DescribeRepositories and DescribeImages. */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    /** A repository that exists before the test runs. */
    public Repository givenRepository(String name, String tagMutability) {
        Repository repository = new Repository(
                name, StsEmulator.ACCOUNT, tagMutability, false, "AES256", null, Instant.now(), Map.of());
        repositories.put(name, repository);
        return repository;
    }

    /** The repository as created (settings recorded for assertions). */
    public Optional<Repository> repository(String name) {
        return Optional.ofNullable(repositories.get(name));
    }

    public List<String> lifecyclePolicies() {
        return List.copyOf(lifecyclePolicies);
    }

    /**
     * The scan of {@code digest} reports these counts per severity ({@code CRITICAL}, {@code HIGH}, ...), after
     * answering {@code IN_PROGRESS} to the first {@code pollsInProgress} queries.
     */
    public void scanFindings(Digest digest, Map<String, Integer> counts, int pollsInProgress) {
        List<ScanAnswer> answers = new ArrayList<>();
        for (int i = 0; i < pollsInProgress; i++) {
            answers.add(ScanAnswer.inProgress());
        }
        answers.add(ScanAnswer.complete(counts));
        scanAnswers(digest, answers);
    }

    /**
     * What the scan of {@code digest} answers, one answer per read ({@code DescribeImageScanFindings} without a
     * {@code nextToken}; the pages of one read share its answer); the last answer repeats.
     */
    public void scanAnswers(Digest digest, List<ScanAnswer> answers) {
        scans.put(digest.toString(), new ScanScript(List.copyOf(answers)));
    }

    /** How many DescribeImageScanFindings calls arrived. */
    public int scanPolls() {
        return scanPolls.get();
    }

    @Override
    public void close() {
        gate.close();
    }

    private boolean honours(String token) {
        Instant expiry = tokens.get(token);
        return expiry != null && Instant.now().isBefore(expiry);
    }

    // --- operations ---

    private AwsEmulator.Response getAuthorizationToken(AwsEmulator.Request request) {
        byte[] secret = new byte[48];
        RANDOM.nextBytes(secret);
        String token =
                "eyJwYXlsb2FkIjoi" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = Instant.now().plus(tokenValidity);
        tokens.put(token, expiresAt);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(
                "authorizationToken",
                Base64.getEncoder().encodeToString(("AWS:" + token).getBytes(StandardCharsets.UTF_8)));
        data.put("expiresAt", expiresAt.toEpochMilli() / 1000.0);
        data.put("proxyEndpoint", "http://" + registryHost());
        return AwsEmulator.Response.json(Map.of("authorizationData", List.of(data)));
    }

    private AwsEmulator.Response createRepository(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        JsonNode body = request.json();
        String name = body.path("repositoryName").asText();
        if (!name.matches("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*")) {
            throw new AwsEmulator.AwsError(400, "InvalidParameterException", "Invalid repository name " + name);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        body.path("tags")
                .forEach(tag ->
                        tags.put(tag.path("Key").asText(), tag.path("Value").asText()));
        Repository repository = new Repository(
                name,
                StsEmulator.ACCOUNT,
                body.path("imageTagMutability").asText("MUTABLE"),
                body.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false),
                body.path("encryptionConfiguration").path("encryptionType").asText("AES256"),
                body.path("encryptionConfiguration").path("kmsKey").isMissingNode()
                        ? null
                        : body.path("encryptionConfiguration").path("kmsKey").asText(),
                Instant.now(),
                tags);
        if (repositories.putIfAbsent(name, repository) != null) {
            throw new AwsEmulator.AwsError(
                    400,
                    "RepositoryAlreadyExistsException",
                    "The repository with name '" + name + "' already exists in the registry with id '"
                            + StsEmulator.ACCOUNT + "'");
        }
        return AwsEmulator.Response.json(Map.of("repository", repositoryJson(repository)));
    }

    private AwsEmulator.Response describeRepositories(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        JsonNode body = request.json();
        List<Repository> selected = new ArrayList<>();
        if (body.has("repositoryNames")) {
            for (JsonNode name : body.path("repositoryNames")) {
                selected.add(requireRepository(name.asText()));
            }
        } else {
            selected.addAll(new TreeMap<>(repositories).values());
        }
        Page<Repository> page = page(selected, body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(
                "repositories", page.items().stream().map(this::repositoryJson).toList());
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return AwsEmulator.Response.json(answer);
    }

    private AwsEmulator.Response putLifecyclePolicy(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        JsonNode body = request.json();
        Repository repository = requireRepository(body.path("repositoryName").asText());
        String policy = body.path("lifecyclePolicyText").asText();
        try {
            JSON.readTree(policy).path("rules").get(0).path("rulePriority").asInt();
        } catch (IOException | RuntimeException e) {
            throw new AwsEmulator.AwsError(400, "InvalidParameterException", "Invalid lifecycle policy text");
        }
        lifecyclePolicies.add(policy);
        repositories.put(repository.name(), repository.withLifecyclePolicy(policy));
        return AwsEmulator.Response.json(Map.of(
                "registryId", repository.registryId(),
                "repositoryName", repository.name(),
                "lifecyclePolicyText", policy));
    }

    private AwsEmulator.Response describeImages(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        JsonNode body = request.json();
        Repository repository = requireRepository(body.path("repositoryName").asText());
        Map<String, List<String>> tagsByDigest = tagsByDigest(repository.name());
        List<Map<String, Object>> details = new ArrayList<>();
        if (body.has("imageIds")) {
            for (JsonNode id : body.path("imageIds")) {
                String digest = id.has("imageDigest")
                        ? id.path("imageDigest").asText()
                        : manifestDigest(repository.name(), id.path("imageTag").asText())
                                .orElse(null);
                if (digest == null || manifestDigest(repository.name(), digest).isEmpty()) {
                    throw new AwsEmulator.AwsError(
                            400,
                            "ImageNotFoundException",
                            "The image with imageId " + id + " does not exist within the repository with name '"
                                    + repository.name() + "' in the registry with id '" + repository.registryId()
                                    + "'");
                }
                details.add(imageDetail(repository, digest, tagsByDigest.getOrDefault(digest, List.of())));
            }
        } else {
            tagsByDigest.forEach((digest, tags) -> details.add(imageDetail(repository, digest, tags)));
        }
        Page<Map<String, Object>> page = page(details, body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("imageDetails", page.items());
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return AwsEmulator.Response.json(answer);
    }

    private Map<String, Object> imageDetail(Repository repository, String digest, List<String> tags) {
        Manifest manifest = fetchManifest(repository.name(), digest).orElseThrow();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("registryId", repository.registryId());
        detail.put("repositoryName", repository.name());
        detail.put("imageDigest", digest);
        if (!tags.isEmpty()) {
            detail.put("imageTags", tags);
        }
        detail.put("imageSizeInBytes", manifest.size());
        detail.put("imagePushedAt", Instant.now().getEpochSecond());
        detail.put("imageManifestMediaType", manifest.mediaType());
        ScanScript scan = scans.get(digest);
        if (scan != null) {
            detail.put("imageScanStatus", Map.of("status", scan.current().status()));
        }
        return detail;
    }

    private AwsEmulator.Response batchGetImage(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        JsonNode body = request.json();
        Repository repository = requireRepository(body.path("repositoryName").asText());
        List<Map<String, Object>> images = new ArrayList<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (JsonNode id : body.path("imageIds")) {
            String reference = id.has("imageDigest")
                    ? id.path("imageDigest").asText()
                    : id.path("imageTag").asText();
            Optional<Manifest> manifest = fetchManifest(repository.name(), reference);
            Map<String, Object> imageId = JSON.convertValue(id, Map.class);
            if (manifest.isEmpty()) {
                failures.add(Map.of(
                        "imageId",
                        imageId,
                        "failureCode",
                        id.has("imageDigest") ? "ImageNotFound" : "ImageTagDoesNotMatchDigest",
                        "failureReason",
                        "Requested image not found"));
                continue;
            }
            Map<String, Object> fullId = new LinkedHashMap<>(imageId);
            fullId.put("imageDigest", manifest.get().digest());
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("registryId", repository.registryId());
            image.put("repositoryName", repository.name());
            image.put("imageId", fullId);
            image.put("imageManifest", new String(manifest.get().bytes(), StandardCharsets.UTF_8));
            image.put("imageManifestMediaType", manifest.get().mediaType());
            images.add(image);
        }
        return AwsEmulator.Response.json(Map.of("images", images, "failures", failures));
    }

    private AwsEmulator.Response putImage(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        JsonNode body = request.json();
        Repository repository = requireRepository(body.path("repositoryName").asText());
        byte[] manifest = body.path("imageManifest").asText().getBytes(StandardCharsets.UTF_8);
        String digest = Digest.sha256(manifest).toString();
        String tag = body.path("imageTag").asText(null);
        String mediaType = body.path("imageManifestMediaType").asText(null);
        if (mediaType == null) {
            try {
                mediaType = JSON.readTree(manifest).path("mediaType").asText();
            } catch (IOException e) {
                throw new AwsEmulator.AwsError(400, "InvalidParameterException", "Invalid parameter: manifest");
            }
        }
        if (body.has("imageDigest") && !body.path("imageDigest").asText().equals(digest)) {
            throw new AwsEmulator.AwsError(
                    400, "ImageDigestDoesNotMatchException", "The provided digest does not match the manifest");
        }
        if (tag != null) {
            Optional<String> current = manifestDigest(repository.name(), tag);
            if (current.isPresent() && current.get().equals(digest)) {
                throw new AwsEmulator.AwsError(
                        400,
                        "ImageAlreadyExistsException",
                        "Image with digest '" + digest + "' and tag '" + tag + "' already exists in the repository"
                                + " with name '" + repository.name() + "' in registry with id '"
                                + repository.registryId() + "'");
            }
            if (current.isPresent() && repository.tagMutability().equals("IMMUTABLE")) {
                throw new AwsEmulator.AwsError(
                        400,
                        "ImageTagAlreadyExistsException",
                        "The image tag '" + tag + "' already exists in the '" + repository.name()
                                + "' repository and cannot be overwritten because the repository is immutable.");
            }
        }
        int status = send(HttpRequest.newBuilder(manifestUri(repository.name(), tag != null ? tag : digest))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)))
                .statusCode();
        if (status != 201) {
            throw new AwsEmulator.AwsError(
                    400, "InvalidParameterException", "registry refused the manifest: " + status);
        }
        Map<String, Object> imageId = new LinkedHashMap<>();
        imageId.put("imageDigest", digest);
        if (tag != null) {
            imageId.put("imageTag", tag);
        }
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("registryId", repository.registryId());
        image.put("repositoryName", repository.name());
        image.put("imageId", imageId);
        image.put("imageManifest", new String(manifest, StandardCharsets.UTF_8));
        image.put("imageManifestMediaType", mediaType);
        return AwsEmulator.Response.json(Map.of("image", image));
    }

    private AwsEmulator.Response describeImageScanFindings(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        scanPolls.incrementAndGet();
        JsonNode body = request.json();
        Repository repository = requireRepository(body.path("repositoryName").asText());
        JsonNode id = body.path("imageId");
        String digest = id.has("imageDigest")
                ? id.path("imageDigest").asText()
                : manifestDigest(repository.name(), id.path("imageTag").asText())
                        .orElse(null);
        if (digest == null || manifestDigest(repository.name(), digest).isEmpty()) {
            throw new AwsEmulator.AwsError(
                    400,
                    "ImageNotFoundException",
                    "The image with imageId " + id + " does not exist within the repository with name '"
                            + repository.name() + "'");
        }
        ScanScript scan = scans.get(digest);
        if (scan == null && !repository.scanOnPush()) {
            throw new AwsEmulator.AwsError(
                    400,
                    "ScanNotFoundException",
                    "Image scan does not exist for the image with '{imageDigest:" + digest + "}' in the repository"
                            + " with name '" + repository.name() + "'");
        }
        int offset = body.hasNonNull("nextToken")
                ? Integer.parseInt(body.path("nextToken").asText())
                : 0;
        ScanAnswer scanAnswer =
                scan == null ? ScanAnswer.complete(Map.of()) : offset == 0 ? scan.next() : scan.current();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("registryId", repository.registryId());
        answer.put("repositoryName", repository.name());
        answer.put("imageId", Map.of("imageDigest", digest));
        answer.put("imageScanStatus", Map.of("status", scanAnswer.status(), "description", scanAnswer.description()));
        if (!scanAnswer.hasFindings()) {
            return AwsEmulator.Response.json(answer);
        }
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("imageScanCompletedAt", Instant.now().getEpochSecond());
        findings.put("vulnerabilitySourceUpdatedAt", Instant.now().getEpochSecond());
        if (scanAnswer.findingSeverityCounts() != null) {
            findings.put("findingSeverityCounts", scanAnswer.findingSeverityCounts());
            findings.put("findings", List.of());
        }
        if (scanAnswer.enhancedFindings() != null) {
            int size = Math.min(pageSize, body.path("maxResults").asInt(100));
            List<EnhancedFinding> all = scanAnswer.enhancedFindings();
            int end = Math.min(all.size(), offset + size);
            findings.put(
                    "enhancedFindings",
                    all.subList(offset, end).stream()
                            .map(finding -> enhancedFindingJson(finding, repository, digest))
                            .toList());
            if (end < all.size()) {
                answer.put("nextToken", Integer.toString(end));
            }
        }
        answer.put("imageScanFindings", findings);
        return AwsEmulator.Response.json(answer);
    }

    /** An Amazon Inspector finding as {@code DescribeImageScanFindings} reports it ({@code EnhancedImageScanFinding}). */
    private static Map<String, Object> enhancedFindingJson(
            EnhancedFinding finding, Repository repository, String digest) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("awsAccountId", repository.registryId());
        json.put("description", finding.vulnerabilityId() + " in a package of the image");
        json.put(
                "findingArn",
                "arn:aws:inspector2:us-east-1:" + repository.registryId() + ":finding/"
                        + Digest.sha256(finding.vulnerabilityId().getBytes(StandardCharsets.UTF_8))
                                .hex()
                                .substring(0, 32));
        json.put("firstObservedAt", now);
        json.put("lastObservedAt", now);
        json.put(
                "packageVulnerabilityDetails",
                Map.of(
                        "source", "NVD",
                        "vendorSeverity", finding.severity(),
                        "vulnerabilityId", finding.vulnerabilityId(),
                        "vulnerablePackages", List.of(Map.of("name", "openssl", "version", "3.0.2"))));
        json.put("remediation", Map.of("recommendation", Map.of("text", "None Provided")));
        json.put(
                "resources",
                List.of(Map.of(
                        "type",
                        "AWS_ECR_CONTAINER_IMAGE",
                        "id",
                        "arn:aws:ecr:us-east-1:" + repository.registryId() + ":repository/" + repository.name() + "/"
                                + digest,
                        "details",
                        Map.of(
                                "awsEcrContainerImage",
                                Map.of("repositoryName", repository.name(), "imageHash", digest)))));
        json.put("score", 7.5);
        json.put("severity", finding.severity());
        json.put("status", finding.status());
        json.put("title", finding.vulnerabilityId() + " - openssl");
        json.put("type", "PACKAGE_VULNERABILITY");
        json.put("updatedAt", now);
        return json;
    }

    // --- helpers ---

    private Repository requireRepository(String name) throws AwsEmulator.AwsError {
        Repository repository = repositories.get(name);
        if (repository == null) {
            throw new AwsEmulator.AwsError(
                    400,
                    "RepositoryNotFoundException",
                    "The repository with name '" + name + "' does not exist in the registry with id '"
                            + StsEmulator.ACCOUNT + "'");
        }
        return repository;
    }

    private <T> Page<T> page(List<T> all, JsonNode body) {
        int start = body.hasNonNull("nextToken")
                ? Integer.parseInt(body.path("nextToken").asText())
                : 0;
        int size = Math.min(pageSize, body.path("maxResults").asInt(Integer.MAX_VALUE));
        int end = Math.min(all.size(), start + size);
        return new Page<>(
                all.subList(start, end), end < all.size() ? Optional.of(Integer.toString(end)) : Optional.empty());
    }

    private Map<String, Object> repositoryJson(Repository repository) {
        return repositoryJsonStatic(repository, registryHost());
    }

    private static Map<String, Object> repositoryJsonStatic(Repository repository, String host) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "repositoryArn",
                "arn:aws:ecr:us-east-1:" + repository.registryId() + ":repository/" + repository.name());
        json.put("registryId", repository.registryId());
        json.put("repositoryName", repository.name());
        json.put("repositoryUri", host + "/" + repository.name());
        json.put("createdAt", repository.createdAt().getEpochSecond());
        json.put("imageTagMutability", repository.tagMutability());
        json.put("imageScanningConfiguration", Map.of("scanOnPush", repository.scanOnPush()));
        Map<String, Object> encryption = new LinkedHashMap<>();
        encryption.put("encryptionType", repository.encryptionType());
        if (repository.kmsKey() != null) {
            encryption.put("kmsKey", repository.kmsKey());
        }
        json.put("encryptionConfiguration", encryption);
        return json;
    }

    private Map<String, List<String>> tagsByDigest(String repository) {
        Map<String, List<String>> byDigest = new LinkedHashMap<>();
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(backend.resolve("/v2/" + repository + "/tags/list"))
                .GET());
        if (response.statusCode() != 200) {
            return byDigest;
        }
        try {
            for (JsonNode tag : JSON.readTree(response.body()).path("tags")) {
                manifestDigest(repository, tag.asText())
                        .ifPresent(digest -> byDigest.computeIfAbsent(digest, d -> new ArrayList<>())
                                .add(tag.asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return byDigest;
    }

    private Optional<String> manifestDigest(String repository, String reference) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(manifestUri(repository, reference))
                .header("Accept", MANIFEST_TYPES)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        return response.statusCode() == 200 ? response.headers().firstValue("Docker-Content-Digest") : Optional.empty();
    }

    private Optional<Manifest> fetchManifest(String repository, String reference) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(manifestUri(repository, reference))
                .header("Accept", MANIFEST_TYPES)
                .GET());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        byte[] bytes = response.body();
        long size = bytes.length;
        try {
            JsonNode manifest = JSON.readTree(bytes);
            size += manifest.path("config").path("size").asLong();
            for (JsonNode layer : manifest.path("layers")) {
                size += layer.path("size").asLong();
            }
        } catch (IOException e) {
            // Size of the manifest alone.
        }
        return Optional.of(new Manifest(
                Digest.sha256(bytes).toString(),
                response.headers().firstValue("Content-Type").orElse(""),
                bytes,
                size));
    }

    private URI manifestUri(String repository, String reference) {
        return backend.resolve(
                "/v2/" + repository + "/manifests/" + URLEncoder.encode(reference, StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("the emulator's backing registry " + backend + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A repository and the settings it was created with. */
    public record Repository(
            String name,
            String registryId,
            String tagMutability,
            boolean scanOnPush,
            String encryptionType,
            String kmsKey,
            Instant createdAt,
            Map<String, String> tags,
            String lifecyclePolicy) {
        Repository(
                String name,
                String registryId,
                String tagMutability,
                boolean scanOnPush,
                String encryptionType,
                String kmsKey,
                Instant createdAt,
                Map<String, String> tags) {
            this(name, registryId, tagMutability, scanOnPush, encryptionType, kmsKey, createdAt, tags, null);
        }

        Repository withLifecyclePolicy(String policy) {
            return new Repository(
                    name, registryId, tagMutability, scanOnPush, encryptionType, kmsKey, createdAt, tags, policy);
        }
    }

    /**
     * One read of a scan: {@code status} ({@code IN_PROGRESS}, {@code COMPLETE}, {@code ACTIVE}, {@code FAILED},
     * {@code UNSUPPORTED_IMAGE}, ...), its description, and the findings of a finished scan: basic counts
     * ({@code findingSeverityCounts}) or enhanced findings (Amazon Inspector), null when absent.
     */
    public record ScanAnswer(
            String status,
            String description,
            Map<String, Integer> findingSeverityCounts,
            List<EnhancedFinding> enhancedFindings) {
        public static ScanAnswer inProgress() {
            return new ScanAnswer("IN_PROGRESS", "scan in progress", null, null);
        }

        /** A basic scan that completed with these counts per severity. */
        public static ScanAnswer complete(Map<String, Integer> counts) {
            return new ScanAnswer("COMPLETE", "The scan was completed.", new TreeMap<>(counts), null);
        }

        /** An enhanced scan (continuous scanning active) with these findings, without basic counts. */
        public static ScanAnswer enhanced(List<EnhancedFinding> findings) {
            return new ScanAnswer("ACTIVE", "Continuous scan is selected for image.", null, List.copyOf(findings));
        }

        /** A scan that cannot give findings, e.g. {@code UNSUPPORTED_IMAGE} or {@code FAILED}. */
        public static ScanAnswer unavailable(String status, String description) {
            return new ScanAnswer(status, description, null, null);
        }

        boolean hasFindings() {
            return findingSeverityCounts != null || enhancedFindings != null;
        }
    }

    /** An Amazon Inspector finding: severity, status ({@code ACTIVE}, {@code SUPPRESSED}, {@code CLOSED}), CVE id. */
    public record EnhancedFinding(String severity, String status, String vulnerabilityId) {}

    /** The answers of one image's scan, one per read; the last repeats. */
    private static final class ScanScript {
        private final List<ScanAnswer> answers;
        private final AtomicInteger reads = new AtomicInteger();

        ScanScript(List<ScanAnswer> answers) {
            this.answers = answers;
        }

        ScanAnswer next() {
            return answers.get(Math.min(reads.getAndIncrement(), answers.size() - 1));
        }

        ScanAnswer current() {
            return answers.get(Math.min(Math.max(reads.get() - 1, 0), answers.size() - 1));
        }
    }

    private record Manifest(String digest, String mediaType, byte[] bytes, long size) {}

    private record Page<T>(List<T> items, Optional<String> nextToken) {}
}
