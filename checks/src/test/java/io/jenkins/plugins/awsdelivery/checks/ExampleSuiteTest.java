package io.jenkins.plugins.awsdelivery.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The example Selenium suite against the example web application: busybox httpd serves {@code examples/webapp/www}
 * on loopback as the image does, and the suite drives Debian's Chromium through {@code /usr/bin/chromedriver}.
 */
class ExampleSuiteTest {

    @Test
    void exampleSuite_againstTheExampleWebapp_passesEveryTest(@TempDir Path work) throws Exception {
        Path www = work.resolve("www");
        TreeCopy.copy(Repository.root().resolve("examples/webapp/www"), www);

        ExampleSuiteRun run;
        try (BusyboxHttpd httpd = BusyboxHttpd.serve(www)) {
            run = ExampleSuiteRun.against(httpd.baseUrl().toString(), work);
        }

        assertThat(run.exitCode).as(run.output).isZero();
        List<TestCase> cases = testCases(run.reports());
        assertThat(cases).as("test cases in the Surefire reports").hasSizeGreaterThanOrEqualTo(6);
        assertThat(cases).allMatch(TestCase::passed);
        assertThat(run.screenshots()).doesNotExist();
    }

    @Test
    void exampleSuite_whenAProductIsMissingFromThePage_failsThatTestAndSavesItsScreenshot(@TempDir Path work)
            throws Exception {
        Path www = work.resolve("www");
        TreeCopy.copy(Repository.root().resolve("examples/webapp/www"), www);
        Path products = www.resolve("products.html");
        String page = Files.readString(products, StandardCharsets.UTF_8);
        String broken = page.replaceAll("(?m)^.*<td>Notebook</td>.*\\R", "");
        assertThat(broken).as("the fixture removed the Notebook row").isNotEqualTo(page);
        Files.writeString(products, broken, StandardCharsets.UTF_8);

        ExampleSuiteRun run;
        try (BusyboxHttpd httpd = BusyboxHttpd.serve(www)) {
            run = ExampleSuiteRun.against(httpd.baseUrl().toString(), work);
        }

        assertThat(run.exitCode).as(run.output).isNotZero();
        List<TestCase> failed =
                testCases(run.reports()).stream().filter(c -> !c.passed()).toList();
        assertThat(failed)
                .containsExactly(new TestCase(
                        "com.example.shop.e2e.ProductsPageTest",
                        "productsPage_listsEveryProductWithItsPrice(WebDriver)",
                        false));
        Path screenshot = run.screenshots()
                .resolve(
                        "com.example.shop.e2e.ProductsPageTest.productsPage_listsEveryProductWithItsPrice(WebDriver).png");
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image).as("a PNG the JDK can read: " + screenshot).isNotNull();
        assertThat(image.getWidth()).isPositive();
        try (Stream<Path> files = Files.list(run.screenshots())) {
            assertThat(files).as("one screenshot per failed test").hasSize(1);
        }
    }

    record TestCase(String className, String name, boolean passed) {}

    private static List<TestCase> testCases(Path reports) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<TestCase> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(reports)) {
            files = list.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("no Surefire reports in " + reports, e);
        }
        for (Path file : files) {
            NodeList nodes = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element testcase = (Element) nodes.item(i);
                boolean passed = testcase.getElementsByTagName("failure").getLength() == 0
                        && testcase.getElementsByTagName("error").getLength() == 0
                        && testcase.getElementsByTagName("skipped").getLength() == 0;
                cases.add(new TestCase(testcase.getAttribute("classname"), testcase.getAttribute("name"), passed));
            }
        }
        return cases;
    }
}
