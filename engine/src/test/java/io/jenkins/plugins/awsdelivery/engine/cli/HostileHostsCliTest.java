package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.testing.registry.HostileServer;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registries that send credentials elsewhere, seen by the CLI in its own JVM whose hosts file gives {@code evil.test}
 * the address 127.0.0.1: "another host" is a real other host name, without leaving loopback.
 */
class HostileHostsCliTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-Pa55word";
    /** RFC 7617: Basic, then Base64 of user-id ':' password. */
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @TempDir
    Path scratch;

    private List<String> jvm;

    @BeforeEach
    void hostsFile() throws IOException {
        Path hosts = scratch.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 evil.test\n");
        jvm = List.of("-Djdk.net.hosts.file=" + hosts);
    }

    @Test
    void promote_whenTheDestinationHandsOutAnUploadLocationOnAnotherHost_sendsNoCredentialsThere() throws Exception {
        new ImageFixtures(sourceRegistry).pushOciImage("team/app", "1.0", 1, 1_000);
        try (HostileServer evil = HostileServer.start(exchange -> HostileServer.reply(exchange, 404, null, ""));
                HostileServer destination = HostileServer.start(exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    if (!BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"registry\"");
                        HostileServer.reply(exchange, 401, null, "");
                    } else if (path.equals("/v2/")) {
                        HostileServer.reply(exchange, 200, "application/json", "{}");
                    } else if (exchange.getRequestMethod().equals("POST") && path.endsWith("/blobs/uploads/")) {
                        exchange.getResponseHeaders().set("Location", "http://evil.test:" + evil.port() + "/upload/1");
                        HostileServer.reply(exchange, 202, null, "");
                    } else {
                        HostileServer.reply(exchange, 404, null, "");
                    }
                })) {
            CliProcess.Run run = CliProcess.run(
                    scratch,
                    jvm,
                    Map.of("DELIVERY_DEST_CREDS", USER + ":" + PASSWORD),
                    "promote",
                    sourceRegistry.reference("team/app:1.0"),
                    destination.hostPort() + "/team/app:1.0");

            assertThat(destination.requests())
                    .as("the registry itself gets the credentials")
                    .anyMatch(r -> BASIC.equals(r.header("Authorization")));
            assertThat(evil.requests())
                    .as("the client followed the Location to evil.test")
                    .isNotEmpty();
            assertThat(evil.requests()).allMatch(r -> r.header("Authorization") == null);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr().strip()).doesNotContain("\n").doesNotContain(PASSWORD);
        }
    }

    @Test
    void promote_whenTheTokenRealmHidesAnotherHostBehindUserInfo_refusesAndSendsNothingThere() throws Exception {
        try (HostileServer evil =
                HostileServer.start(exchange -> HostileServer.reply(exchange, 200, null, "{\"token\":\"t\"}"))) {
            String realm = "http://localhost:1@evil.test:" + evil.port() + "/token";

            CliProcess.Run run = promoteFromRegistryWithRealm(realm);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr().strip())
                    .doesNotContain("\n")
                    .contains("names a token realm with user info")
                    .contains("evil.test");
            assertThat(evil.requests()).isEmpty();
        }
    }

    @Test
    void promote_whenTheTokenRealmHasNoHost_refusesNamingTheRegistry() throws Exception {
        CliProcess.Run run = promoteFromRegistryWithRealm("/token");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip())
                .startsWith("delivery promote: ")
                .doesNotContain("\n")
                .contains("names a token realm without an HTTP(S) host; refusing to send credentials there");
    }

    /** Promotes from a registry whose every answer is a bearer challenge naming {@code realm}. */
    private CliProcess.Run promoteFromRegistryWithRealm(String realm) throws Exception {
        try (HostileServer source = HostileServer.start(exchange -> {
            exchange.getResponseHeaders()
                    .set("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"registry\"");
            HostileServer.reply(exchange, 401, null, "");
        })) {
            return CliProcess.run(
                    scratch,
                    jvm,
                    Map.of("DELIVERY_SRC_CREDS", USER + ":" + PASSWORD),
                    "promote",
                    source.hostPort() + "/team/app:1.0",
                    sourceRegistry.reference("team/copy:1.0"));
        }
    }
}
