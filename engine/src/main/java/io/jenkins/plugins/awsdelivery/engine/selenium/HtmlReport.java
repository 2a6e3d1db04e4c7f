package io.jenkins.plugins.awsdelivery.engine.selenium;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

/**
 * Writes the static HTML report of a test run into a folder: {@code index.html}, the stylesheet {@code report.css}
 * and copies of the screenshots and other attachments. Failures come first (message, trimmed stack trace,
 * screenshots), then flaky tests, then a summary per suite.
 *
 * <p>The report has no script, no {@code style} attribute and no {@code <style>} block, and refers only to files in
 * its own folder, so it renders fully under Jenkins's default Content-Security-Policy for build files ({@code
 * sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';}).
 */
public final class HtmlReport {
    public static final String INDEX = "index.html";
    public static final String STYLESHEET = "report.css";
    static final String SCREENSHOTS = "screenshots";
    static final String ATTACHMENTS = "attachments";

    /**
     * Characters of messages, stack traces and earlier attempts of all tests together (1,000 failing tests with
     * capped 32 KiB stack traces would otherwise make a page of about 50 MB); later tests are listed without them.
     */
    static final int DETAILS_MAX = 4 * 1024 * 1024;

    private final Path directory;
    private int copied;
    private long detailsLeft = DETAILS_MAX;

    private HtmlReport(Path directory) {
        this.directory = directory;
    }

    /**
     * Writes the report and returns the path of its {@code index.html}. Every file is written to a new temporary file
     * in its folder and then renamed into place, so a symbolic link placed in the report folder beforehand is replaced,
     * never followed; a report folder, {@code screenshots/} or {@code attachments/} folder that is a symbolic link is
     * refused.
     */
    public static Path write(JunitResults results, Path directory, String title) {
        try {
            refuseLink(directory);
            Files.createDirectories(directory);
            HtmlReport report = new HtmlReport(directory);
            try (InputStream css = HtmlReport.class.getResourceAsStream(STYLESHEET)) {
                if (css == null) {
                    throw new IllegalStateException(STYLESHEET + " is missing from the engine jar");
                }
                writeReplacing(directory.resolve(STYLESHEET), css::transferTo);
            }
            Path index = directory.resolve(INDEX);
            writeReplacing(index, stream -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                report.page(out, results, title);
                out.flush();
            });
            return index;
        } catch (IOException e) {
            throw new DeliveryException(
                    "writing the test report to " + directory + " failed: " + e.getMessage()
                            + "; check that the folder is writable",
                    e);
        }
    }

    private static void refuseLink(Path folder) {
        if (Files.isSymbolicLink(folder)) {
            throw new DeliveryException("writing the test report: " + folder + " is a symbolic link, and a report is"
                    + " never written through one (it could lead anywhere); remove the link or choose another folder");
        }
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} through a fresh temporary file renamed over it: an existing link is replaced, not used. */
    private static void writeReplacing(Path target, Content content) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".writing-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, LinkOption.NOFOLLOW_LINKS)) {
                content.writeTo(out);
            }
            if (Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void page(Writer out, JunitResults results, String title) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.write("<title>" + escape(title) + "</title>\n");
        out.write("<link rel=\"stylesheet\" href=\"" + STYLESHEET + "\">\n</head>\n<body>\n");
        out.write("<header>\n<h1>" + escape(title) + "</h1>\n");
        boolean failing = results.failed() + results.errors() > 0
                || !results.malformedReports().isEmpty();
        out.write("<p class=\"verdict " + (failing ? "verdict-failed" : "verdict-passed") + "\">"
                + (failing ? "Failed" : "Passed") + "</p>\n");
        counts(out, results);
        out.write("</header>\n<main>\n");
        if (!results.malformedReports().isEmpty()) {
            out.write("<section id=\"unreadable\">\n<h2>Unreadable reports</h2>\n<ul>\n");
            for (MalformedReport malformed : results.malformedReports()) {
                out.write("<li class=\"malformed\">" + escape(malformed.describe()) + "</li>\n");
            }
            out.write("</ul>\n</section>\n");
        }
        failures(out, results);
        flaky(out, results);
        suites(out, results);
        out.write("</main>\n</body>\n</html>\n");
    }

    private static void counts(Writer out, JunitResults results) throws IOException {
        out.write("<table class=\"counts\">\n<tr>");
        for (String heading : List.of("Tests", "Passed", "Failed", "Errors", "Skipped", "Flaky", "Duration")) {
            out.write("<th>" + heading + "</th>");
        }
        out.write("</tr>\n<tr>");
        cell(out, results.tests(), "");
        cell(out, results.passed(), "passed");
        cell(out, results.failed(), "failed");
        cell(out, results.errors(), "failed");
        cell(out, results.skipped(), "skipped");
        cell(out, results.flaky(), "flaky");
        out.write("<td>" + seconds(results.durationSeconds()) + "</td>");
        out.write("</tr>\n</table>\n");
    }

    private static void cell(Writer out, int value, String cssClass) throws IOException {
        boolean highlight = value > 0 && !cssClass.isEmpty();
        out.write(highlight ? "<td class=\"" + cssClass + "\">" + value + "</td>" : "<td>" + value + "</td>");
    }

    private void failures(Writer out, JunitResults results) throws IOException {
        int failing = results.failed() + results.errors();
        out.write("<section id=\"failures\">\n<h2>Failures (" + failing + ")</h2>\n");
        if (failing == 0) {
            out.write("<p class=\"none\">No test failed.</p>\n");
        }
        for (TestCaseResult test : results.failures()) {
            out.write("<article class=\"test test-" + test.outcome().name().toLowerCase(Locale.ROOT) + "\">\n");
            out.write("<h3>" + escape(test.displayName()) + "</h3>\n");
            out.write("<p class=\"meta\">" + (test.outcome() == TestOutcome.ERROR ? "error" : "failure")
                    + " in suite " + escape(test.suite()) + ", " + seconds(test.durationSeconds()) + ", from "
                    + escape(test.reportFile().getFileName().toString()) + "</p>\n");
            String stack = test.stackTrace();
            if (!test.message().isEmpty() && stack.startsWith(test.message())) {
                stack = stack.substring(test.message().length()).strip(); // the message is shown just above
            }
            if (!spend(test.message(), stack, String.join("", test.reruns()))) {
                omitted(out, test);
                attachments(out, test);
                out.write("</article>\n");
                continue;
            }
            if (!test.message().isEmpty()) {
                out.write("<pre class=\"message\">" + escape(test.message()) + "</pre>\n");
            }
            if (!stack.isEmpty()) {
                out.write("<pre class=\"stack\">" + escape(stack) + "</pre>\n");
            }
            reruns(out, test);
            attachments(out, test);
            out.write("</article>\n");
        }
        if (results.unlistedFailures() > 0) {
            out.write("<p class=\"more\">" + results.unlistedFailures()
                    + " more failing tests are counted but not listed.</p>\n");
        }
        out.write("</section>\n");
    }

    private void flaky(Writer out, JunitResults results) throws IOException {
        out.write("<section id=\"flaky\">\n<h2>Flaky tests (" + results.flaky() + ")</h2>\n");
        if (results.flaky() == 0) {
            out.write("<p class=\"none\">No test needed a rerun to pass.</p>\n");
        }
        for (TestCaseResult test : results.flakyTests()) {
            out.write("<article class=\"test test-flaky\">\n<h3>" + escape(test.displayName()) + "</h3>\n");
            out.write("<p class=\"meta\">passed after " + test.reruns().size() + " failed attempt"
                    + (test.reruns().size() == 1 ? "" : "s") + " in suite " + escape(test.suite()) + "</p>\n");
            if (spend(String.join("", test.reruns()))) {
                reruns(out, test);
            } else {
                omitted(out, test);
            }
            attachments(out, test);
            out.write("</article>\n");
        }
        out.write("</section>\n");
    }

    /** Takes the length of {@code texts} from what is left of {@link #DETAILS_MAX}; false when it does not fit. */
    private boolean spend(String... texts) {
        long length = 0;
        for (String text : texts) {
            length += Math.min(text.length(), ReportText.TEXT_MAX);
        }
        if (length > detailsLeft) {
            detailsLeft = 0; // list the remaining tests by name only, in order, rather than skip to a shorter one
            return false;
        }
        detailsLeft -= length;
        return true;
    }

    private static void omitted(Writer out, TestCaseResult test) throws IOException {
        out.write("<p class=\"more\">Message, stack trace and earlier attempts left out: the report reached its size"
                + " limit; " + escape(test.reportFile().getFileName().toString()) + " has them.</p>\n");
    }

    private static void reruns(Writer out, TestCaseResult test) throws IOException {
        if (test.reruns().isEmpty()) {
            return;
        }
        out.write("<ol class=\"reruns\">\n");
        for (String rerun : test.reruns()) {
            out.write("<li>" + escape(rerun.isEmpty() ? "(no message)" : rerun) + "</li>\n");
        }
        out.write("</ol>\n");
    }

    private void attachments(Writer out, TestCaseResult test) throws IOException {
        for (Path attachment : test.attachments()) {
            boolean image = ScreenshotIndex.isImage(attachment);
            String folder = image ? SCREENSHOTS : ATTACHMENTS;
            String name = String.format(
                    "%03d-%s", ++copied, safeName(attachment.getFileName().toString()));
            Path target = directory.resolve(folder).resolve(name);
            refuseLink(target.getParent());
            Files.createDirectories(target.getParent());
            // The parser admitted the attachment by its real path; a link put in its place since is not followed.
            try (InputStream in = Files.newInputStream(attachment, LinkOption.NOFOLLOW_LINKS)) {
                writeReplacing(target, in::transferTo);
            }
            String href = folder + "/" + name;
            if (image) {
                out.write("<figure class=\"screenshot\"><a href=\"" + escape(href) + "\"><img src=\"" + escape(href)
                        + "\" alt=\"screenshot of " + escape(test.displayName()) + "\"></a><figcaption>"
                        + escape(attachment.getFileName().toString()) + "</figcaption></figure>\n");
            } else {
                out.write("<p class=\"attachment\"><a href=\"" + escape(href) + "\">"
                        + escape(attachment.getFileName().toString()) + "</a></p>\n");
            }
        }
    }

    private void suites(Writer out, JunitResults results) throws IOException {
        out.write("<section id=\"suites\">\n<h2>Suites (" + results.suites() + ")</h2>\n");
        out.write("<table class=\"suites\">\n<tr><th>Suite</th><th>Tests</th><th>Passed</th><th>Failed</th>"
                + "<th>Errors</th><th>Skipped</th><th>Flaky</th><th>Duration</th><th>Report</th></tr>\n");
        for (SuiteSummary suite : results.suiteSummaries()) {
            boolean failing = suite.failed() + suite.errors() > 0;
            out.write("<tr" + (failing ? " class=\"failing\"" : "") + "><td>" + escape(suite.name()) + "</td>");
            cell(out, suite.tests(), "");
            cell(out, suite.passed(), "passed");
            cell(out, suite.failed(), "failed");
            cell(out, suite.errors(), "failed");
            cell(out, suite.skipped(), "skipped");
            cell(out, suite.flaky(), "flaky");
            out.write("<td>" + seconds(suite.durationSeconds()) + "</td><td>"
                    + escape(suite.reportFile().getFileName().toString()) + "</td></tr>\n");
        }
        out.write("</table>\n</section>\n");
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f s", seconds);
    }

    private static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe.length() > 150 ? safe.substring(safe.length() - 150) : safe;
    }

    /** HTML-escaped {@code text}, capped at {@link ReportText#TEXT_MAX} characters like everything a report shows. */
    static String escape(String text) {
        text = ReportText.cap(text, ReportText.TEXT_MAX);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
