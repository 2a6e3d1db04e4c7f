package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JunitCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void junit_json_printsExactlyTheContractFieldsInOrder() throws Exception {
        int exit = run("junit", surefireReports().toString(), "--json");

        assertThat(exit).isZero();
        Map<String, Object> json = json();
        assertThat(json.keySet())
                .containsExactly(
                        "files",
                        "suites",
                        "tests",
                        "passed",
                        "failed",
                        "errors",
                        "skipped",
                        "flaky",
                        "durationSeconds");
        assertThat(json)
                .containsEntry("files", 2)
                .containsEntry("tests", 8)
                .containsEntry("passed", 5)
                .containsEntry("failed", 1)
                .containsEntry("errors", 1)
                .containsEntry("skipped", 1)
                .containsEntry("flaky", 2);
    }

    @Test
    void junit_report_writesIndexStylesheetAndExitsZeroDespiteFailures() {
        Path report = dir.resolve("report");

        int exit = run("junit", surefireReports().toString(), "--report", report.toString());

        assertThat(exit).isZero();
        assertThat(report.resolve("index.html")).isRegularFile();
        assertThat(report.resolve("report.css")).isRegularFile();
    }

    @Test
    void junit_failOnFailures_exitsOneWithOneLine() {
        int exit = run("junit", surefireReports().toString(), "--fail-on-failures");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("delivery junit: 2 of 8 tests failed (1 failed, 1 errors)");
    }

    @Test
    void junit_pathMatchingNothing_exitsNonZeroNamingIt() {
        int exit = run("junit", dir.resolve("nothing/**/*.xml").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no JUnit XML file matches").contains("nothing/**/*.xml");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void junit_malformedFile_countsTheOthersAndExitsOneNamingFileAndLine() throws Exception {
        Files.writeString(dir.resolve("good.xml"), "<testsuite name='s'><testcase name='a'/></testsuite>");
        Files.writeString(dir.resolve("bad.xml"), "<testsuite name='s'>\n<testcase name='a'>\n</testsuite>\n");

        int exit = run("junit", dir.toString(), "--json");

        assertThat(exit).isEqualTo(1);
        assertThat(json()).containsEntry("tests", 1);
        assertThat(err.toString()).contains("bad.xml line 3");
    }

    @Test
    void junit_antPattern_isResolvedAgainstTheWorkingDirectory() throws Exception {
        Path nested = Files.createDirectories(dir.resolve("app/target/surefire-reports"));
        Files.writeString(nested.resolve("TEST-a.xml"), "<testsuite name='s'><testcase name='a'/></testsuite>");

        int exit = run("junit", dir + "/**/TEST-*.xml", "--json");

        assertThat(exit).isZero();
        assertThat(json()).containsEntry("tests", 1);
    }

    @Test
    void junit_screenshots_areLinkedByNameAndCopiedIntoTheReport() throws Exception {
        Files.writeString(
                dir.resolve("TEST-shop.xml"),
                "<testsuite name='s'><testcase classname='com.shop.ShopIT' name='pays'><failure/></testcase>"
                        + "</testsuite>");
        Path shots = Files.createDirectories(dir.resolve("shots"));
        Files.write(shots.resolve("com.shop.ShopIT.pays.png"), new byte[] {1, 2, 3});
        Path report = dir.resolve("report");

        int exit = run(
                "junit",
                dir.resolve("TEST-shop.xml").toString(),
                "--screenshots",
                shots.toString(),
                "--report",
                report.toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(report.resolve("index.html"))).contains("screenshots/001-com.shop.ShopIT.pays.png");
        assertThat(report.resolve("screenshots/001-com.shop.ShopIT.pays.png")).hasBinaryContent(new byte[] {1, 2, 3});
    }

    private Map<String, Object> json() throws Exception {
        return new ObjectMapper().readValue(out.toString(), new TypeReference<Map<String, Object>>() {});
    }

    private int run(String... args) {
        return DeliveryCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path surefireReports() {
        try {
            return Path.of(JunitCommandTest.class
                    .getResource("/junit-reports/surefire")
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
