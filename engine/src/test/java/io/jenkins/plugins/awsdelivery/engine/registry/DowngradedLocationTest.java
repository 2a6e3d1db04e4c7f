package io.jenkins.plugins.awsdelivery.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.promote.PromoteRequest;
import io.jenkins.plugins.awsdelivery.engine.promote.Promoter;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.HostileServer;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination registry on HTTPS that hands out an upload {@code Location} on plain HTTP: the promotion refuses to
 * follow it, naming the registry, and nothing (neither credentials nor the blob) goes over plain HTTP.
 */
class DowngradedLocationTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @TempDir
    Path scratch;

    @Test
    void promote_whenAnHttpsRegistryHandsOutAPlainHttpUploadLocation_refusesNamingTheRegistry() throws Exception {
        PushedImage image = new ImageFixtures(sourceRegistry).pushOciImage("team/app", "1.0", 1, 1_000);
        try (HostileServer plain = HostileServer.start(exchange -> HostileServer.reply(exchange, 202, null, ""));
                HostileServer destination = HostileServer.startTls(scratch, exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"registry\"");
                        HostileServer.reply(exchange, 401, null, "");
                    } else if (path.equals("/v2/")) {
                        HostileServer.reply(exchange, 200, "application/json", "{}");
                    } else if (exchange.getRequestMethod().equals("POST")) {
                        exchange.getResponseHeaders().set("Location", "http://" + plain.hostPort() + "/upload/1");
                        HostileServer.reply(exchange, 202, null, "");
                    } else {
                        HostileServer.reply(exchange, 404, null, "");
                    }
                })) {
            String destinationReference = destination.hostPort() + "/team/app:1.0";

            assertThatThrownBy(() -> new Promoter()
                            .promote(PromoteRequest.builder()
                                    .source(ImageReference.parse(image.reference()))
                                    .destination(ImageReference.parse(destinationReference))
                                    .destinationCredentials(RegistryCredentialProvider.of(
                                            RegistryCredential.basic("alice", "downgrade-Pa55")))
                                    .sslContext(destination.clientTrust())
                                    .retryPolicy(RetryPolicy.builder()
                                            .maxAttempts(1)
                                            .sleeper(duration -> {})
                                            .build())
                                    .build()))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("registry " + destination.hostPort() + " sent a Location on plain HTTP")
                    .hasMessageContaining("refusing to leave HTTPS");
            assertThat(destination.requests())
                    .as("the registry was reached over HTTPS with credentials")
                    .anyMatch(r -> r.header("Authorization") != null);
            assertThat(plain.requests()).isEmpty();
        }
    }
}
