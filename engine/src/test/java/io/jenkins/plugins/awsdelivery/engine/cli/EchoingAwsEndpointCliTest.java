package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.HostileServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AWS endpoint that refuses every call with an error message quoting the request's headers (the SigV4
 * {@code Authorization} with its signature, {@code X-Amz-Security-Token}), in each protocol's error format: STS's XML,
 * ECR's JSON 1.1, EKS's REST JSON. {@code eks-token}, {@code deploy} and {@code push} run in their own JVM with session
 * credentials in the environment; none prints the session token, the secret key or the signature the endpoint
 * received.
 */
class EchoingAwsEndpointCliTest {
    private static final String ACCESS_KEY = "ASIAECHOENDPOINTTEST";
    private static final String SECRET_KEY = "echoSecretKey/0123456789abcdefghijklmnopqrst";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEEchoSessionToken0123456789abcdefghij//////wEaCWV1";
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]+)");

    @TempDir
    Path scratch;

    private HostileServer endpoint;

    @BeforeEach
    void startEndpoint() throws IOException {
        endpoint = HostileServer.start(EchoingAwsEndpointCliTest::refuseQuotingHeaders);
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void eksToken_whenStsRefusesTheRoleEchoingHeaders_saysWhatWasRefusedAndPrintsNoSecret() throws Exception {
        CliProcess.Run run = cli(
                "eks-token",
                "--cluster",
                "shop",
                "--region",
                "eu-west-1",
                "--role-arn",
                "arn:aws:iam::123456789012:role/deployer",
                "--endpoint-url",
                "http://" + endpoint.hostPort());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip())
                .doesNotContain("\n")
                .contains("refused the AWS credentials")
                .contains("HTTP 403")
                .doesNotContain("no AWS credentials");
        assertNoSecretPrinted(run);
    }

    @Test
    void deploy_whenEksRefusesDescribeClusterEchoingHeaders_printsNoSecret() throws Exception {
        Path manifest = Files.writeString(
                scratch.resolve("app.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: b\n");

        CliProcess.Run run = cli(
                "deploy",
                manifest.toString(),
                "--namespace",
                "shop",
                "--eks-cluster",
                "shop",
                "--region",
                "eu-west-1",
                "--endpoint-url",
                "http://" + endpoint.hostPort());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip()).doesNotContain("\n").contains("describing EKS cluster shop");
        assertNoSecretPrinted(run);
    }

    @Test
    void push_whenEcrRefusesEchoingHeaders_printsNoSecret() throws Exception {
        Path context = Files.createDirectories(scratch.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");

        CliProcess.Run run = cli(
                "push",
                "--context",
                context.toString(),
                "--tag",
                "1.0",
                "--ecr-repository",
                "shop/app",
                "--region",
                "eu-west-1",
                "--endpoint-url",
                "http://" + endpoint.hostPort());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip()).doesNotContain("\n").contains("AccessDeniedException");
        assertNoSecretPrinted(run);
    }

    private CliProcess.Run cli(String... args) throws Exception {
        return CliProcess.run(
                scratch,
                Map.of(
                        "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                        "AWS_SESSION_TOKEN", SESSION_TOKEN,
                        "AWS_CONFIG_FILE", scratch.resolve("no-config").toString(),
                        "AWS_SHARED_CREDENTIALS_FILE",
                                scratch.resolve("no-credentials").toString()),
                args);
    }

    /** What the endpoint actually received is what must not come back out. */
    private void assertNoSecretPrinted(CliProcess.Run run) {
        List<String> received = new ArrayList<>(List.of(SECRET_KEY, SESSION_TOKEN));
        for (HostileServer.Request request : endpoint.requests()) {
            if (request.header("X-Amz-Security-Token") != null) {
                received.add(request.header("X-Amz-Security-Token"));
            }
            Matcher signature = SIGNATURE.matcher(String.valueOf(request.header("Authorization")));
            if (signature.find()) {
                received.add(signature.group(1));
            }
        }
        assertThat(endpoint.requests()).as("requests the endpoint echoed").isNotEmpty();
        assertThat(received).as("secrets the endpoint received").hasSizeGreaterThan(3);
        String printed = run.stdout() + run.stderr();
        for (String secret : received) {
            assertThat(printed).doesNotContain(secret);
        }
    }

    private static void refuseQuotingHeaders(HttpExchange exchange) throws IOException {
        String echo = "denied; you sent " + HostileServer.headerLines(exchange).replace("\n", " ");
        if (exchange.getRequestURI().getPath().startsWith("/clusters/")) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", "AccessDeniedException");
            HostileServer.reply(exchange, 403, "application/json", "{\"message\":\"" + json(echo) + "\"}");
        } else if (String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                .contains("x-amz-json")) {
            HostileServer.reply(
                    exchange,
                    400,
                    "application/x-amz-json-1.1",
                    "{\"__type\":\"AccessDeniedException\",\"message\":\"" + json(echo) + "\"}");
        } else {
            HostileServer.reply(
                    exchange,
                    403,
                    "text/xml",
                    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                            + "<Code>AccessDenied</Code><Message>" + xml(echo) + "</Message></Error>"
                            + "<RequestId>echo-1</RequestId></ErrorResponse>");
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
