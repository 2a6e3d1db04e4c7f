package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.awsdelivery.engine.cli.DeliveryCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile JUnit XML: external entities naming a local secret file or a URL, parameter entities, external DTDs,
 * XInclude and entity expansion bombs. Each file is refused (or its inclusion ignored), the secret appears nowhere in
 * the results, the report or the CLI output, and the HTTP server named in the XML receives no request.
 */
class HostileJunitXmlTest {
    private final String secret = "SECRET-MARKER-" + UUID.randomUUID();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private Path secretFile;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        secretFile = dir.resolve("secret.txt");
        Files.writeString(secretFile, secret);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("<!ENTITY leak \"" + secret + "\">").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void junit_whenAnExternalEntityNamesALocalFile_refusesTheFileAndTheSecretAppearsNowhere() throws IOException {
        Path evil = write(
                "TEST-file-entity.xml",
                "<!DOCTYPE testsuite [<!ENTITY leak SYSTEM \"" + secretFile.toUri() + "\">]>" + suiteUsing("&leak;"));
        Path report = dir.resolve("report");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = DeliveryCommand.execute(
                new String[] {"junit", evil.toString(), "--json", "--report", report.toString()},
                new PrintWriter(out),
                new PrintWriter(err));

        assertThat(exitCode).isNotZero();
        assertThat(err.toString()).contains(evil.toString());
        assertThat(out.toString()).doesNotContain(secret);
        assertThat(err.toString()).doesNotContain(secret);
        assertThat(filesBelow(report))
                .allSatisfy(file -> assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
                        .as(file.toString())
                        .doesNotContain(secret));
    }

    @Test
    void parse_whenAnExternalEntityNamesAUrl_refusesTheFileWithoutARequest() throws IOException {
        Path evil = write(
                "TEST-url-entity.xml",
                "<!DOCTYPE testsuite [<!ENTITY leak SYSTEM \"" + url("/leak") + "\">]>" + suiteUsing("&leak;"));

        JunitResults results = new JunitParser().parse(List.of(evil));

        assertRefusedWithoutLeak(results, evil);
    }

    @Test
    void parse_whenAParameterEntityLoadsARemoteDtd_refusesTheFileWithoutARequest() throws IOException {
        Path evil = write(
                "TEST-parameter-entity.xml",
                "<!DOCTYPE testsuite [<!ENTITY % remote SYSTEM \"" + url("/evil.dtd") + "\"> %remote;]>"
                        + suiteUsing("&leak;"));

        JunitResults results = new JunitParser().parse(List.of(evil));

        assertRefusedWithoutLeak(results, evil);
    }

    @Test
    void parse_whenAnExternalDtdIsNamed_refusesTheFileWithoutARequest() throws IOException {
        Path evil = write(
                "TEST-external-dtd.xml",
                "<!DOCTYPE testsuite SYSTEM \"" + url("/junit.dtd") + "\">" + suiteUsing("plain"));

        JunitResults results = new JunitParser().parse(List.of(evil));

        assertRefusedWithoutLeak(results, evil);
    }

    @Test
    void parse_whenEntitiesExpandExponentially_refusesTheFileQuickly() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE testsuite [<!ENTITY lol0 \"lol\">");
        for (int level = 1; level <= 9; level++) {
            dtd.append("<!ENTITY lol").append(level).append(" \"");
            dtd.append(("&lol" + (level - 1) + ";").repeat(10));
            dtd.append("\">");
        }
        Path bomb = write("TEST-laughs.xml", dtd.append("]>") + suiteUsing("&lol9;"));
        long start = System.nanoTime();

        JunitResults results = new JunitParser().parse(List.of(bomb));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(results.tests()).isZero();
        assertThat(results.malformedReports()).singleElement().satisfies(malformed -> assertThat(malformed.file())
                .isEqualTo(bomb));
    }

    @Test
    void parse_whenXIncludeNamesALocalFile_doesNotIncludeIt() throws IOException {
        Path evil = write(
                "TEST-xinclude.xml",
                "<testsuite name=\"s\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><testcase name=\"t\">"
                        + "<failure message=\"m\"><xi:include href=\"" + secretFile.toUri()
                        + "\" parse=\"text\"/></failure></testcase></testsuite>");

        JunitResults results = new JunitParser().parse(List.of(evil));

        assertThat(results.failed()).isEqualTo(1);
        assertThat(String.valueOf(results.toMap()) + results.failures()).doesNotContain(secret);
    }

    private void assertRefusedWithoutLeak(JunitResults results, Path file) {
        assertThat(results.tests()).isZero();
        assertThat(results.malformedReports()).singleElement().satisfies(malformed -> {
            assertThat(malformed.file()).isEqualTo(file);
            assertThat(malformed.describe()).doesNotContain(secret);
        });
        assertThat(String.valueOf(results.toMap()) + results.failures()).doesNotContain(secret);
        assertThat(requests.get()).as("requests to the URL in the XML").isZero();
    }

    private static String suiteUsing(String text) {
        return "<testsuite name=\"s\"><testcase name=\"t\"><failure message=\"" + text + "\">" + text
                + "</failure></testcase></testsuite>";
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Path write(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "<?xml version=\"1.0\"?>\n" + body);
        return file;
    }

    private static List<Path> filesBelow(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
