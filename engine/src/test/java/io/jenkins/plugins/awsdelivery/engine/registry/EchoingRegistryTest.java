package io.jenkins.plugins.awsdelivery.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.cli.DeliveryCommand;
import io.jenkins.plugins.awsdelivery.engine.promote.PromoteRequest;
import io.jenkins.plugins.awsdelivery.engine.promote.Promoter;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.HostileServer;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A destination registry that refuses every request with an error message quoting what the client sent: its
 * {@code Authorization} header, the Base64 value alone and, for Basic, the decoded {@code user:password}. Whatever
 * it echoes, no secret reaches an exception message, an event or the CLI's standard error.
 */
class EchoingRegistryTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "echo-Pa55word";
    private static final String TOKEN = "tok-7a41c0ffee9e4b1d";
    /** RFC 7617: Base64 of user-id ':' password. */
    private static final String BASIC_VALUE =
            Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    private static PushedImage image;

    @BeforeAll
    static void pushImage() {
        image = new ImageFixtures(sourceRegistry).pushOciImage("team/app", "1.0", 1, 1_000);
    }

    @Test
    void promote_whenTheDestinationEchoesTheBasicAuthorization_neverShowsThePassword() throws IOException {
        try (HostileServer destination = HostileServer.start(exchange -> echo(exchange, "Basic realm=\"r\""))) {
            Throwable failure = catchThrowable(() -> promote(destination));

            assertThat(failure).isInstanceOf(DeliveryException.class).hasMessageContaining("HTTP 403");
            assertThat(destination.requests())
                    .anyMatch(r -> ("Basic " + BASIC_VALUE).equals(r.header("Authorization")));
            assertNoSecretIn(failure.getMessage());
        }
    }

    @Test
    void promote_whenTheDestinationEchoesTheBearerToken_neverShowsTheToken() throws IOException {
        try (HostileServer realm = HostileServer.start(exchange ->
                        HostileServer.reply(exchange, 200, "application/json", "{\"token\":\"" + TOKEN + "\"}"));
                HostileServer destination = HostileServer.start(exchange ->
                        echo(exchange, "Bearer realm=\"http://" + realm.hostPort() + "/token\",service=\"echo\""))) {
            Throwable failure = catchThrowable(() -> promote(destination));

            assertThat(failure).isInstanceOf(DeliveryException.class).hasMessageContaining("HTTP 403");
            assertThat(destination.requests()).anyMatch(r -> ("Bearer " + TOKEN).equals(r.header("Authorization")));
            assertNoSecretIn(failure.getMessage());
        }
    }

    @Test
    void cli_whenTheDestinationEchoesCredentials_printsNoSecretWithVerboseOrJson() throws IOException {
        try (HostileServer destination = HostileServer.start(exchange -> echo(exchange, "Basic realm=\"r\""))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int exit = DeliveryCommand.execute(
                    new String[] {
                        "promote",
                        image.reference(),
                        destination.hostPort() + "/team/app:1.0",
                        "--dest-creds",
                        USER + ":" + PASSWORD,
                        "--verbose",
                        "--json"
                    },
                    new PrintWriter(out, true),
                    new PrintWriter(err, true));

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("HTTP 403");
            assertNoSecretIn(err.toString());
            assertThat(out.toString()).doesNotContain(PASSWORD, BASIC_VALUE);
        }
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).contains("****").doesNotContain(PASSWORD, BASIC_VALUE, TOKEN);
    }

    /**
     * {@code /v2/} answers the challenge, {@code HEAD} finds nothing, every other request is refused with what the
     * client sent.
     */
    private static void echo(HttpExchange exchange, String challenge) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (exchange.getRequestURI().getPath().equals("/v2/")) {
            if (authorization == null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
                HostileServer.reply(exchange, 401, null, "");
            } else {
                HostileServer.reply(exchange, 200, "application/json", "{}");
            }
            return;
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            HostileServer.reply(exchange, 404, null, "");
            return;
        }
        String value = authorization == null ? "" : authorization.replaceFirst("^\\S+\\s+", "");
        String decoded = "";
        if (authorization != null && authorization.startsWith("Basic ")) {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        }
        String message = ("access denied; you sent " + HostileServer.headerLines(exchange) + " value " + value
                        + " decoded " + decoded)
                .replace("\"", "'")
                .replace("\n", " ");
        HostileServer.reply(
                exchange,
                403,
                "application/json",
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"" + message + "\"}]}");
    }

    private static void promote(HostileServer destination) {
        new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(image.reference()))
                        .destination(ImageReference.parse(destination.hostPort() + "/team/app:1.0"))
                        .destinationCredentials(RegistryCredentialProvider.of(RegistryCredential.basic(USER, PASSWORD)))
                        .retryPolicy(RetryPolicy.builder()
                                .maxAttempts(1)
                                .sleeper(duration -> {})
                                .build())
                        .build());
    }
}
