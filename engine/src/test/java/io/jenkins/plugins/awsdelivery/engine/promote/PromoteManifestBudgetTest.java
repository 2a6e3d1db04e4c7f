package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.ImageManifest;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.HostileServer;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ReferrerFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The image's manifests and its referrers' manifests share one budget ({@link Promoter#MAX_MANIFEST_BYTES}): a source
 * whose index and referrers each stay under it, but not together, is refused while the referrers are read, and no tag
 * is written. Each manifest is just under the 4 MiB registries accept, padded with an annotation.
 */
class PromoteManifestBudgetTest {
    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private static final int EACH = ImageManifest.MAX_SIZE - 64 * 1024;
    private static final int HALF_OF_THE_BUDGET = (int) (Promoter.MAX_MANIFEST_BYTES / 2 / EACH) + 1;
    private static final String CONFIG = "{}";
    private static final Digest CONFIG_DIGEST = Digest.sha256(CONFIG.getBytes(StandardCharsets.UTF_8));
    private static final String SPDX_ARTIFACT_TYPE = ",\"artifactType\":\"" + ReferrerFixtures.SPDX + "\"";

    private final Map<String, String> manifests = new LinkedHashMap<>();

    @Test
    void promote_whenTheImageAndItsReferrersTogetherExceedTheBudget_refusesAndWritesNoTag() throws IOException {
        List<String> children = new ArrayList<>();
        for (int i = 0; i < HALF_OF_THE_BUDGET; i++) {
            children.add(add(manifest("child " + i, "")));
        }
        String index = index(children, "");
        Digest top = Digest.sha256(index.getBytes(StandardCharsets.UTF_8));
        List<String> referrers = new ArrayList<>();
        for (int i = 0; i < HALF_OF_THE_BUDGET; i++) {
            referrers.add(add(manifest(
                    "sbom " + i,
                    SPDX_ARTIFACT_TYPE + ",\"subject\":{\"mediaType\":\"" + ImageFixtures.OCI_INDEX + "\",\"digest\":\""
                            + top + "\",\"size\":" + index.length() + "}")));
        }
        String referrersList = index(referrers, SPDX_ARTIFACT_TYPE);
        assertThat((long) HALF_OF_THE_BUDGET * EACH)
                .as("the image alone and the referrers alone stay under the budget")
                .isLessThan(Promoter.MAX_MANIFEST_BYTES);

        try (HostileServer source = HostileServer.start(exchange -> serve(exchange, index, top, referrersList))) {
            String destination = destinationRegistry.reference("team/budget:1.0");

            assertThatThrownBy(() -> new Promoter()
                            .promote(PromoteRequest.builder()
                                    .source(ImageReference.parse(source.hostPort() + "/team/budget:1.0"))
                                    .destination(ImageReference.parse(destination))
                                    .build()))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("the image and its referrers have manifests of more than "
                            + Promoter.MAX_MANIFEST_BYTES / (1024 * 1024) + " MiB in total")
                    .hasMessageContaining("referrers option");

            assertThat(new ImageFixtures(destinationRegistry).tagDigest("team/budget", "1.0"))
                    .isEmpty();
        }
    }

    /** An OCI image manifest of about {@link #EACH} bytes; returns it. */
    private static String manifest(String name, String extra) {
        String head = "{\"schemaVersion\":2,\"mediaType\":\"" + ImageFixtures.OCI_MANIFEST + "\"" + extra
                + ",\"config\":{\"mediaType\":\"" + ImageFixtures.OCI_CONFIG + "\",\"digest\":\"" + CONFIG_DIGEST
                + "\",\"size\":2},\"layers\":[],\"annotations\":{\"name\":\"" + name + "\",\"padding\":\"";
        String tail = "\"}}";
        return head + "x".repeat(EACH - head.length() - tail.length()) + tail;
    }

    private String add(String manifest) {
        String digest = Digest.sha256(manifest.getBytes(StandardCharsets.UTF_8)).toString();
        manifests.put(digest, manifest);
        return digest;
    }

    /** An OCI image index of the manifests {@code digests}, {@code extra} in each descriptor. */
    private String index(List<String> digests, String extra) {
        StringBuilder index = new StringBuilder(
                "{\"schemaVersion\":2,\"mediaType\":\"" + ImageFixtures.OCI_INDEX + "\",\"manifests\":[");
        for (int i = 0; i < digests.size(); i++) {
            index.append(i == 0 ? "" : ",").append(descriptor(digests.get(i), extra));
        }
        return index.append("]}").toString();
    }

    private String descriptor(String digest, String extra) {
        return "{\"mediaType\":\"" + ImageFixtures.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":"
                + manifests.get(digest).length() + extra + "}";
    }

    private void serve(HttpExchange exchange, String index, Digest top, String referrers) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String manifestsPath = "/v2/team/budget/manifests/";
        if (path.equals("/v2/")) {
            HostileServer.reply(exchange, 200, "application/json", "{}");
        } else if (path.equals(manifestsPath + "1.0") || path.equals(manifestsPath + top)) {
            HostileServer.reply(exchange, 200, ImageFixtures.OCI_INDEX, index);
        } else if (path.startsWith(manifestsPath) && manifests.containsKey(path.substring(manifestsPath.length()))) {
            HostileServer.reply(
                    exchange, 200, ImageFixtures.OCI_MANIFEST, manifests.get(path.substring(manifestsPath.length())));
        } else if (path.equals("/v2/team/budget/referrers/" + top)) {
            HostileServer.reply(exchange, 200, ImageFixtures.OCI_INDEX, referrers);
        } else {
            HostileServer.reply(exchange, 404, "application/json", "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
        }
    }
}
