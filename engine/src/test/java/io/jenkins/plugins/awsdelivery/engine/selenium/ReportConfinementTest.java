package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test output is written by the code under test, which a pull request controls. A report must copy nothing from
 * outside the working directory, the screenshot folders and the JUnit file's folder, must write nothing outside its own
 * folder, and must stay small whatever the size of a message.
 */
class ReportConfinementTest {
    private final String secret = "SECRET-MARKER-" + UUID.randomUUID();
    private final RecordingSink sink = new RecordingSink();
    private final List<String> warnings = sink.warnings();

    @TempDir
    Path dir;

    private Path work;
    private Path outside;

    @BeforeEach
    void secretOutsideTheWorkingDirectory() throws IOException {
        work = Files.createDirectories(dir.resolve("work"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), secret);
        Files.writeString(outside.resolve("secret.png"), secret);
    }

    @Test
    void suiteRun_whenItsOutputNamesFilesOutsideTheAllowedFolders_leavesThemOutAndWarnsForEach() throws IOException {
        Path png = Files.write(dir.resolve("real.png"), TestImages.png());
        // The suite itself plants what a hostile pull request would: attachments that climb out with "..", an
        // absolute path, a link in the report's folder, and a screenshot that is a link to the secret.
        String suite = String.join(
                "\n",
                "mkdir -p reports shots",
                "ln -s " + outside.resolve("secret.txt") + " reports/linked.txt",
                "ln -s " + outside.resolve("secret.png") + " shots/com.shop.ShopSuite.checkout.png",
                "cp " + png + " shots/com.shop.ShopSuite.pay.png",
                "echo 'legitimate page source' > reports/page.html",
                "cat > reports/TEST-shop.xml <<'EOF'",
                "<testsuite name='com.shop.ShopSuite'>",
                "<testcase classname='com.shop.ShopSuite' name='checkout'><failure message='no'/><system-out>",
                "[[ATTACHMENT|../../outside/secret.txt]]",
                "[[ATTACHMENT|" + outside.resolve("secret.txt") + "]]",
                "[[ATTACHMENT|linked.txt]]",
                "[[ATTACHMENT|page.html]]",
                "</system-out></testcase>",
                "<testcase classname='com.shop.ShopSuite' name='pay'><failure message='no'/></testcase>",
                "</testsuite>",
                "EOF",
                "exit 1");

        SuiteResult result = new SuiteRunner(new LocalProcessRunner(), sink)
                .run(SuiteRequest.builder()
                        .workingDirectory(work)
                        .shellCommand(suite)
                        .reports("reports/*.xml")
                        .screenshots("shots")
                        .timeout(Duration.ofSeconds(30))
                        .build());

        Path report = result.reportDirectory();
        assertThat(filesBelow(report)).isNotEmpty().allSatisfy(file -> assertThat(
                        Files.readString(file, StandardCharsets.ISO_8859_1))
                .as(file.toString())
                .doesNotContain(secret));
        String html = Files.readString(report.resolve(HtmlReport.INDEX));
        assertThat(html).contains("page.html").contains("com.shop.ShopSuite.pay.png");
        assertThat(report.resolve("attachments/001-page.html")).hasContent("legitimate page source");
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w).contains("../../outside/secret.txt"))
                .anySatisfy(w -> assertThat(w).contains("attachment " + outside.resolve("secret.txt")))
                .anySatisfy(w -> assertThat(w).contains("attachment linked.txt"))
                .anySatisfy(w -> assertThat(w).contains("screenshot").contains("com.shop.ShopSuite.checkout.png"))
                .allSatisfy(w -> assertThat(w).doesNotContain(secret));
        assertThat(warnings.stream().filter(w -> w.contains("leads outside"))).hasSize(4);
    }

    @Test
    void screenshotLinkToAnotherFileInsideTheScreenshotFolder_isKept() throws IOException {
        Path shots = Files.createDirectories(work.resolve("shots"));
        Path real = Files.write(shots.resolve("taken-1.png"), TestImages.png());
        Files.createSymbolicLink(shots.resolve("com.shop.ShopSuite.checkout.png"), real);
        Path xml = Files.writeString(
                work.resolve("TEST-shop.xml"),
                "<testsuite name='s'><testcase classname='com.shop.ShopSuite' name='checkout'>"
                        + "<failure message='no'/></testcase></testsuite>");

        JunitResults results = new JunitParser(ScreenshotIndex.find(work, List.of("shots"))).parse(List.of(xml));

        assertThat(results.failures().get(0).attachments()).containsExactly(real.toRealPath());
        assertThat(results.skippedFiles()).isEmpty();
    }

    @Test
    void write_whenTheReportFolderHoldsLinksPlacedBeforehand_replacesTheLinksAndLeavesTheirTargetsAlone()
            throws IOException {
        Path victim = Files.writeString(outside.resolve("victim.txt"), "untouched");
        Path victimCss = Files.writeString(outside.resolve("victim.css"), "untouched");
        Path victimImage = Files.writeString(outside.resolve("victim.png"), "untouched");
        Path report = Files.createDirectories(work.resolve("report"));
        Files.createSymbolicLink(report.resolve(HtmlReport.INDEX), victim);
        Files.createSymbolicLink(report.resolve(HtmlReport.STYLESHEET), victimCss);
        Files.createDirectories(report.resolve("screenshots"));
        Files.createSymbolicLink(report.resolve("screenshots/001-com.shop.ShopSuite.checkout.png"), victimImage);

        Path index = HtmlReport.write(resultsWithOneScreenshot(), report, "Shop");

        assertThat(victim).hasContent("untouched");
        assertThat(victimCss).hasContent("untouched");
        assertThat(victimImage).hasContent("untouched");
        assertThat(index).isRegularFile().content().contains("<title>Shop</title>");
        assertThat(Files.isSymbolicLink(index)).isFalse();
        assertThat(Files.isSymbolicLink(report.resolve(HtmlReport.STYLESHEET))).isFalse();
        assertThat(report.resolve("screenshots/001-com.shop.ShopSuite.checkout.png"))
                .hasBinaryContent(TestImages.png());
        try (Stream<Path> left = Files.list(report)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void write_whenTheScreenshotsFolderIsALink_refusesWithAClearError() throws IOException {
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Path report = Files.createDirectories(work.resolve("report"));
        Files.createSymbolicLink(report.resolve("screenshots"), elsewhere);

        assertThatThrownBy(() -> HtmlReport.write(resultsWithOneScreenshot(), report, "Shop"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining(report.resolve("screenshots") + " is a symbolic link")
                .hasMessageContaining("remove the link or choose another folder");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void write_whenTheAttachmentsFolderIsALink_refusesWithAClearError() throws IOException {
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Path report = Files.createDirectories(work.resolve("report"));
        Files.createSymbolicLink(report.resolve("attachments"), elsewhere);
        Path page = Files.writeString(work.resolve("page.html"), "page");
        Path xml = Files.writeString(
                work.resolve("TEST-a.xml"),
                "<testsuite name='s'><testcase name='t'><failure message='no'/><system-out>[[ATTACHMENT|"
                        + page.getFileName() + "]]</system-out></testcase></testsuite>");
        JunitResults results = new JunitParser().parse(List.of(xml));

        assertThatThrownBy(() -> HtmlReport.write(results, report, "Shop"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining(report.resolve("attachments") + " is a symbolic link");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void write_whenTheReportFolderItselfIsALink_refusesWithAClearError() throws IOException {
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Path report = Files.createSymbolicLink(work.resolve("report"), elsewhere);

        assertThatThrownBy(() -> HtmlReport.write(resultsWithOneScreenshot(), report, "Shop"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining(report + " is a symbolic link");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void write_whenAFailureMessageIs100Megabytes_keepsTheReportSmallInA64MegabyteHeap() throws Exception {
        int hundredMegabytes = 100 * 1024 * 1024;
        Path xml = work.resolve("TEST-huge.xml");
        try (Writer out = Files.newBufferedWriter(xml, StandardCharsets.UTF_8)) {
            out.write("<testsuite name='s'><testcase classname='c' name='huge'><failure message='");
            char[] chunk = "m".repeat(64 * 1024).toCharArray();
            for (int written = 0; written < hundredMegabytes; written += chunk.length) {
                out.write(chunk);
            }
            out.write("'>at c.huge(C.java:1)</failure></testcase></testsuite>");
        }
        Path report = work.resolve("report");

        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        ReportProgram.class.getName(),
                        report.toString(),
                        xml.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        Path index = report.resolve(HtmlReport.INDEX);
        assertThat(Files.size(index)).isLessThan(64 * 1024);
        String marker = "mmmm… [cut at " + ReportText.MESSAGE_MAX + " characters]";
        assertThat(Files.readString(index).contains(marker))
                .as("index.html contains " + marker)
                .isTrue();
    }

    @Test
    void write_whenAThousandFailuresHaveLongStackTraces_keepsThePageUnderItsLimit() throws IOException {
        Path xml = work.resolve("TEST-many.xml");
        String stack = "at c.t(C.java:1) " + "s".repeat(ReportText.TEXT_MAX);
        try (Writer out = Files.newBufferedWriter(xml, StandardCharsets.UTF_8)) {
            out.write("<testsuite name='s'>");
            for (int i = 0; i < JunitResults.DETAIL_LIMIT; i++) {
                out.write("<testcase classname='c' name='t" + i + "'><failure message='no'>" + stack
                        + "</failure></testcase>");
            }
            out.write("</testsuite>");
        }

        Path index = HtmlReport.write(new JunitParser().parse(List.of(xml)), work.resolve("report"), "Many");

        String html = Files.readString(index);
        assertThat(Files.size(index)).isLessThan(8L * 1024 * 1024);
        assertThat(html.indexOf("<h3>c.t0</h3>")).isLessThan(html.indexOf("at c.t(C.java:1)"));
        assertThat(html).contains("<h3>c.t999</h3>").contains("left out: the report reached its size limit");
    }

    @Test
    void write_capsNamesAndEveryOtherText() throws IOException {
        String longName = "n".repeat(200_000);
        Path xml = Files.writeString(
                work.resolve("TEST-long.xml"),
                "<testsuite name='" + longName + "'><testcase classname='" + longName + "' name='" + longName
                        + "'><failure type='" + longName + "'>" + "x".repeat(200_000) + "</failure>"
                        + "<flakyFailure message='" + longName + "'/></testcase></testsuite>");

        Path index = HtmlReport.write(new JunitParser().parse(List.of(xml)), work.resolve("report"), longName);

        assertThat(Files.size(index)).isLessThan(200_000);
    }

    private JunitResults resultsWithOneScreenshot() throws IOException {
        Path shots = Files.createDirectories(work.resolve("shots"));
        Files.write(shots.resolve("com.shop.ShopSuite.checkout.png"), TestImages.png());
        Path xml = Files.writeString(
                work.resolve("TEST-shop.xml"),
                "<testsuite name='s'><testcase classname='com.shop.ShopSuite' name='checkout'>"
                        + "<failure message='no'/></testcase></testsuite>");
        return new JunitParser(ScreenshotIndex.find(work, List.of("shots"))).parse(List.of(xml));
    }

    private static List<Path> filesBelow(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
