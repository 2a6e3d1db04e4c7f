package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reports written by the real tools (src/test/resources/junit-reports, made by its regenerate.sh): our counts equal
 * the summary each tool printed on its console, recorded next to the report in summary.txt.
 */
class JunitParserRealToolsTest {

    @Test
    void surefireWithReruns_countsEqualMavenSummaryIncludingFlakes() throws Exception {
        Map<String, Integer> maven = numbersBeforeColon(summary("surefire"));
        JunitResults results = parse("surefire");

        assertThat(results.tests()).isEqualTo(maven.get("Tests run"));
        assertThat(results.failed()).isEqualTo(maven.get("Failures"));
        assertThat(results.errors()).isEqualTo(maven.get("Errors"));
        assertThat(results.skipped()).isEqualTo(maven.get("Skipped"));
        assertThat(results.flaky()).isEqualTo(maven.get("Flakes"));
    }

    @Test
    void surefireWithReruns_flakyTestsCountAsPassed() throws Exception {
        Map<String, Integer> maven = numbersBeforeColon(summary("surefire"));
        JunitResults results = parse("surefire");

        int mavenPassed = maven.get("Tests run") - maven.get("Failures") - maven.get("Errors") - maven.get("Skipped");
        assertThat(results.passed()).isEqualTo(mavenPassed);
        assertThat(results.flakyTests())
                .extracting(TestCaseResult::name)
                .containsExactlyInAnyOrder("paymentIsAcceptedAfterRetry", "stockIsReadAfterRetry");
    }

    @Test
    void pytest_countsEqualPytestSummary() throws Exception {
        Map<String, Integer> pytest = numbersBeforeWord(summary("pytest"));
        JunitResults results = parse("pytest");

        // pytest writes an expected failure (xfailed) as <skipped> and an unexpected pass (xpassed) as a pass.
        assertThat(results.failed()).isEqualTo(pytest.getOrDefault("failed", 0));
        assertThat(results.errors()).isEqualTo(pytest.getOrDefault("error", 0) + pytest.getOrDefault("errors", 0));
        assertThat(results.skipped()).isEqualTo(pytest.getOrDefault("skipped", 0) + pytest.getOrDefault("xfailed", 0));
        assertThat(results.passed()).isEqualTo(pytest.getOrDefault("passed", 0) + pytest.getOrDefault("xpassed", 0));
        assertThat(results.tests())
                .isEqualTo(pytest.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void jest_countsEqualJestSummary() throws Exception {
        Map<String, Integer> jest = numbersBeforeWord(summary("jest"));
        JunitResults results = parse("jest");

        // jest-junit writes a skipped test as <skipped>, but a todo test as a plain <testcase> (it knows only Jest's
        // "pending" status), so in the XML a todo looks passed to every JUnit consumer.
        assertThat(results.tests()).isEqualTo(jest.get("total"));
        assertThat(results.failed() + results.errors()).isEqualTo(jest.get("failed"));
        assertThat(results.skipped()).isEqualTo(jest.get("skipped"));
        assertThat(results.passed()).isEqualTo(jest.get("passed") + jest.get("todo"));
    }

    @Test
    void mocha_countsEqualMochaSummary() throws Exception {
        Map<String, Integer> mocha = numbersBeforeWord(summary("mocha"));
        JunitResults results = parse("mocha");

        assertThat(results.passed()).isEqualTo(mocha.get("passing"));
        assertThat(results.failed()).isEqualTo(mocha.get("failing"));
        assertThat(results.skipped()).isEqualTo(mocha.get("pending"));
        assertThat(results.tests()).isEqualTo(mocha.get("passing") + mocha.get("failing") + mocha.get("pending"));
    }

    @Test
    void pytest_failureKeepsAssertionMessageForTheReport() throws Exception {
        JunitResults results = parse("pytest");

        assertThat(results.failures())
                .filteredOn(test -> test.name().equals("test_discount_is_applied"))
                .singleElement()
                .satisfies(test -> assertThat(test.message()).contains("discount of 10% expected"));
    }

    static Path reports(String tool) throws URISyntaxException {
        return Path.of(JunitParserRealToolsTest.class
                .getResource("/junit-reports/" + tool)
                .toURI());
    }

    private static JunitResults parse(String tool) throws Exception {
        List<Path> files = ReportFiles.xmlReports(reports(tool), List.of(".")).files();
        JunitResults results = new JunitParser().parse(files);
        assertThat(results.malformedReports()).isEmpty();
        return results;
    }

    private static String summary(String tool) throws Exception {
        return Files.readString(reports(tool).resolve("summary.txt"));
    }

    /** "Tests run: 8, Failures: 1" -> {Tests run=8, Failures=1} */
    private static Map<String, Integer> numbersBeforeColon(String line) {
        Map<String, Integer> numbers = new HashMap<>();
        Matcher matcher = Pattern.compile("([A-Za-z ]+): (\\d+)").matcher(line);
        while (matcher.find()) {
            numbers.put(matcher.group(1).strip(), Integer.parseInt(matcher.group(2)));
        }
        return numbers;
    }

    /** "2 failed, 3 passed" and "3 passing" -> {failed=2, passed=3, passing=3}; durations are ignored. */
    private static Map<String, Integer> numbersBeforeWord(String text) {
        Map<String, Integer> numbers = new HashMap<>();
        Matcher matcher = Pattern.compile("(\\d+) ([a-z]+)").matcher(text);
        while (matcher.find()) {
            numbers.merge(matcher.group(2), Integer.parseInt(matcher.group(1)), Integer::sum);
        }
        numbers.remove("ms");
        numbers.remove("s");
        return numbers;
    }
}
