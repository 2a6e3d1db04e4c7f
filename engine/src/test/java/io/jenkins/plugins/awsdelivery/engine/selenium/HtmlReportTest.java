package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void write_listsFailuresThenFlakyTestsThenSuites() throws Exception {
        String html = Files.readString(HtmlReport.write(surefireResults(), dir.resolve("report"), "Shop"));

        int failures = html.indexOf("id=\"failures\"");
        int flaky = html.indexOf("id=\"flaky\"");
        int suites = html.indexOf("id=\"suites\"");
        assertThat(failures).isPositive().isLessThan(flaky);
        assertThat(flaky).isLessThan(suites);
        assertThat(html.substring(failures, flaky))
                .contains("discountIsApplied")
                .contains("addressIsValidated");
        assertThat(html.substring(flaky, suites)).contains("paymentIsAcceptedAfterRetry");
    }

    @Test
    void write_hasNoScriptNoInlineStyleAndItsStylesheetBeside() throws Exception {
        Path index = HtmlReport.write(surefireResults(), dir.resolve("report"), "Shop");

        String html = Files.readString(index);
        assertThat(html)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase(" style=")
                .doesNotContainIgnoringCase("<style")
                .contains("<link rel=\"stylesheet\" href=\"report.css\">");
        assertThat(dir.resolve("report/report.css")).isRegularFile();
    }

    @Test
    void write_markupInTestOutput_isEscaped() throws IOException {
        Path xml = Files.writeString(
                dir.resolve("x.xml"),
                """
                <testsuite name="s"><testcase name="&lt;script&gt;alert(1)&lt;/script&gt;">
                <failure message="&lt;img src=x onerror=alert(1)&gt;"/></testcase></testsuite>
                """);

        String html = Files.readString(
                HtmlReport.write(new JunitParser().parse(List.of(xml)), dir.resolve("report"), "Shop"));

        assertThat(html).doesNotContain("<script>").doesNotContain("<img src=x").contains("&lt;script&gt;");
    }

    @Test
    void write_screenshotOfFailingTest_isCopiedIntoTheReportFolder() throws IOException {
        Path screenshots = Files.createDirectories(dir.resolve("shots"));
        Files.write(screenshots.resolve("com.shop.ShopSuite.checkout.png"), TestImages.png());
        Path xml = Files.writeString(
                dir.resolve("TEST-shop.xml"),
                """
                <testsuite name="com.shop.ShopSuite">
                  <testcase classname="com.shop.ShopSuite" name="checkout"><failure message="no"/></testcase>
                </testsuite>
                """);
        JunitResults results = new JunitParser(ScreenshotIndex.find(screenshots, List.of("."))).parse(List.of(xml));

        String html = Files.readString(HtmlReport.write(results, dir.resolve("report"), "Shop"));

        assertThat(html).contains("<img src=\"screenshots/001-com.shop.ShopSuite.checkout.png\"");
        assertThat(dir.resolve("report/screenshots/001-com.shop.ShopSuite.checkout.png"))
                .hasBinaryContent(TestImages.png());
    }

    private static JunitResults surefireResults() throws Exception {
        Path reports = JunitParserRealToolsTest.reports("surefire");
        return new JunitParser()
                .parse(ReportFiles.xmlReports(reports, List.of("*.xml")).files());
    }
}
