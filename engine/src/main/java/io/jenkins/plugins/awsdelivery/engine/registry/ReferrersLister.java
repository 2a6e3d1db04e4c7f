package io.jenkins.plugins.awsdelivery.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the manifests that refer to a digest through the OCI 1.1 referrers API.
 *
 * <p>{@code GET /v2/<name>/referrers/<digest>[?artifactType=<type>]}; 200 with an OCI image index whose
 * {@code manifests} are the referrers, further pages in a {@code Link: <url>; rel="next"} header. A registry without
 * the API answers 404 (distribution-spec v1.1: a registry that has it never does) or 405.
 */
final class ReferrersLister {
    /** Pages followed at most; referrers of one digest rarely fill one. */
    static final int MAX_PAGES = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final RegistryHttp http;
    private final String repository;

    ReferrersLister(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    /**
     * @param artifactType a filter the registry may apply (null: none); the caller filters again, as registries may
     *     ignore it
     * @return the referrers, or empty when the registry has no referrers API
     */
    Optional<List<Referrer>> list(Digest subject, String artifactType) {
        String where = "the referrers of " + subject + " in " + http.registry() + "/" + repository;
        String action = "listing " + where;
        URI next = http.uri("/v2/" + repository + "/referrers/" + subject
                + (artifactType == null
                        ? ""
                        : "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8)));
        List<Referrer> referrers = new ArrayList<>();
        for (int page = 1; next != null; page++) {
            if (page > MAX_PAGES) {
                throw new RegistryException(action + ": more than " + MAX_PAGES + " pages of referrers");
            }
            URI target = next;
            HttpResponse<InputStream> response = http.send(
                    action,
                    () -> HttpRequest.newBuilder(target)
                            .timeout(http.transport().retryPolicy().responseTimeout())
                            .header("Accept", MediaTypes.OCI_INDEX)
                            .GET(),
                    true);
            int status = response.statusCode();
            if (page == 1 && (status == 404 || status == 405)) {
                HttpResponses.discard(response);
                return Optional.empty();
            }
            if (status != 200) {
                throw http.failure(action, response);
            }
            JsonNode index;
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(ImageManifest.MAX_SIZE + 1);
                if (bytes.length > ImageManifest.MAX_SIZE) {
                    throw new RegistryException(
                            action + ": the answer is larger than " + ImageManifest.MAX_SIZE + " bytes");
                }
                index = JSON.readTree(bytes);
            } catch (IOException e) {
                throw new RegistryException(
                        action + ": the answer is not an OCI image index: " + Causes.describe(e), 0, e);
            }
            if (index == null || !index.path("manifests").isArray()) {
                throw new RegistryException(action + ": the answer is not an OCI image index (no manifests array)");
            }
            for (JsonNode entry : index.path("manifests")) {
                referrers.add(Referrer.fromIndexEntry(entry, where));
            }
            next = response.headers()
                    .firstValue("Link")
                    .map(NEXT::matcher)
                    .filter(Matcher::find)
                    .map(matcher -> target.resolve(matcher.group(1)))
                    .orElse(null);
        }
        return Optional.of(List.copyOf(referrers));
    }
}
