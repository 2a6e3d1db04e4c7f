package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.HostileServer;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A source whose referrers API lists more referrers than any image has: refused before any of them is read. */
class PromoteReferrersBoundsTest {
    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private static final String CONFIG = "{}";
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + ImageFixtures.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"" + ImageFixtures.OCI_CONFIG + "\",\"digest\":\""
            + Digest.sha256(CONFIG.getBytes(StandardCharsets.UTF_8)) + "\",\"size\":2},\"layers\":[]}";

    @Test
    void promote_whenTheReferrersApiListsMoreThanAllowed_refusesBeforeReadingThemAndWritesNoTag() throws IOException {
        int listed = ReferrerFinder.MAX_REFERRERS + 1;
        try (HostileServer source = HostileServer.start(exchange -> serve(exchange, listed))) {
            String destination = destinationRegistry.reference("team/bounded:1.0");

            assertThatThrownBy(() -> new Promoter()
                            .promote(PromoteRequest.builder()
                                    .source(ImageReference.parse(source.hostPort() + "/team/bounded:1.0"))
                                    .destination(ImageReference.parse(destination))
                                    .build()))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("has " + listed + " referrers, more than the " + ReferrerFinder.MAX_REFERRERS)
                    .hasMessageContaining("referrers option");

            assertThat(source.requests())
                    .filteredOn(request -> request.uri().contains("/manifests/sha256:"))
                    .isEmpty();
            assertThat(new ImageFixtures(destinationRegistry).tagDigest("team/bounded", "1.0"))
                    .isEmpty();
        }
    }

    private static void serve(HttpExchange exchange, int referrers) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v2/")) {
            HostileServer.reply(exchange, 200, "application/json", "{}");
        } else if (path.equals("/v2/team/bounded/manifests/1.0")) {
            HostileServer.reply(exchange, 200, ImageFixtures.OCI_MANIFEST, MANIFEST);
        } else if (path.startsWith("/v2/team/bounded/referrers/")) {
            StringBuilder index = new StringBuilder(
                    "{\"schemaVersion\":2,\"mediaType\":\"" + ImageFixtures.OCI_INDEX + "\",\"manifests\":[");
            for (int i = 0; i < referrers; i++) {
                index.append(i == 0 ? "" : ",")
                        .append("{\"mediaType\":\"")
                        .append(ImageFixtures.OCI_MANIFEST)
                        .append("\",\"digest\":\"sha256:")
                        .append(String.format("%064x", i))
                        .append("\",\"size\":100,\"artifactType\":\"application/spdx+json\"}");
            }
            HostileServer.reply(
                    exchange, 200, ImageFixtures.OCI_INDEX, index.append("]}").toString());
        } else {
            HostileServer.reply(exchange, 404, "application/json", "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
        }
    }
}
