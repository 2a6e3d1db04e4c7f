package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads JUnit XML reports of any tool (Maven Surefire and Failsafe with reruns, TestNG, pytest, jest-junit,
 * mocha-junit-reporter, Playwright, Cypress) as a stream: memory stays bounded whatever the size of a file.
 *
 * <p>DTDs and external entities are refused, so a report cannot make the parser read other files or the network. A
 * malformed file is reported with its line and not counted; the other files still are. Well-formed XML that is no
 * JUnit report (its root is neither {@code <testsuites>} nor {@code <testsuite>}, like Failsafe's {@code
 * failsafe-summary.xml} in the same folder) is skipped and listed in {@link JunitResults#ignoredFiles()}.
 *
 * <p>Attachments of a test case are {@code [[ATTACHMENT|path]]} lines in its {@code system-out} or {@code
 * system-err} (the Jenkins junit-attachments convention; a relative path is resolved against the report's folder),
 * plus the images of a {@link ScreenshotIndex} whose file name matches the test. An attachment is kept only when its
 * real path lies below the report's folder or the {@linkplain ScreenshotIndex#sources() index's folders}; others are
 * listed in {@link JunitResults#skippedFiles()}.
 *
 * <p>Names, messages and stack traces are capped ({@link ReportText}), so a huge attribute in a report does not make
 * a huge result or HTML report; attribute values and comments are cut while reading ({@link
 * MarkupLimitingInputStream}) and CDATA arrives in chunks, so parsing needs bounded memory too.
 */
public final class JunitParser {
    private static final int MAX_TEXT = ReportText.TEXT_MAX;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_RERUNS = 10;
    private static final int MAX_ATTACHMENTS = 20;
    private static final String ATTACHMENT_START = "[[ATTACHMENT|";
    private static final String CDATA_CHUNK_SIZE = "jdk.xml.cdataChunkSize";
    private static final int CDATA_CHUNK_CHARS = 8 * 1024;

    private final XMLInputFactory factory;
    private final ScreenshotIndex screenshots;

    public JunitParser() {
        this(ScreenshotIndex.empty());
    }

    public JunitParser(ScreenshotIndex screenshots) {
        this.screenshots = screenshots;
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        // The JDK parser hands a CDATA section over whole unless told to chunk it; a test's output may be huge.
        factory.setProperty(CDATA_CHUNK_SIZE, CDATA_CHUNK_CHARS);
    }

    /** Parses every file; files that cannot be read are listed in {@link JunitResults#malformedReports()}. */
    public JunitResults parse(List<Path> files) {
        JunitResults.Accumulator total = new JunitResults.Accumulator();
        screenshots.skipped().forEach(total::skipped);
        for (Path file : files) {
            JunitResults.Accumulator one = new JunitResults.Accumulator();
            try {
                parseFile(file, one);
                total.add(one);
            } catch (XMLStreamException e) {
                int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
                total.malformed(new MalformedReport(file, line, firstLine(e.getMessage())));
            } catch (NotJunitException e) {
                total.ignored(file);
            } catch (MalformedException e) {
                total.malformed(new MalformedReport(file, e.line, e.getMessage()));
            } catch (IOException e) {
                total.malformed(new MalformedReport(file, -1, "cannot read: " + e.getMessage()));
            }
        }
        return total.build();
    }

    private void parseFile(Path file, JunitResults.Accumulator into)
            throws IOException, XMLStreamException, MalformedException {
        try (InputStream in =
                MarkupLimitingInputStream.wrap(new BufferedInputStream(Files.newInputStream(file), 64 * 1024))) {
            XMLStreamReader reader = factory.createXMLStreamReader(file.toUri().toString(), in);
            try {
                new FileReader(file, reader, into).read();
            } finally {
                reader.close();
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not well-formed XML";
        }
        String text = message.strip();
        // The JDK parser prefixes "ParseError at [row,col]:[r,c]\nMessage: ..."; keep the message itself.
        int index = text.indexOf("Message: ");
        if (index >= 0) {
            text = text.substring(index + "Message: ".length());
        }
        return text.lines().findFirst().orElse("not well-formed XML");
    }

    private static double seconds(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            double seconds = Double.parseDouble(value.strip().replace(",", ""));
            return Double.isFinite(seconds) && seconds > 0 ? seconds : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        MalformedException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** Well-formed XML of another kind, such as Failsafe's failsafe-summary.xml beside its reports. */
    private static final class NotJunitException extends MalformedException {
        private static final long serialVersionUID = 1L;

        NotJunitException(int line, String message) {
            super(line, message);
        }
    }

    /** Open {@code <testsuite>} element. */
    private static final class SuiteFrame {
        final String name;
        final Double time;
        boolean hasChildSuite;
        int tests;
        int failed;
        int errors;
        int skipped;
        int flaky;
        double caseTime;

        SuiteFrame(String name, Double time) {
            this.name = name == null ? "" : ReportText.cap(name, ReportText.NAME_MAX);
            this.time = time;
        }
    }

    /** Open {@code <testcase>} element. */
    private static final class CaseFrame {
        final String name;
        final String className;
        final double time;
        boolean failure;
        boolean error;
        boolean skipped;
        boolean flaky;
        String message;
        final StringBuilder stack = new StringBuilder();
        final List<String> reruns = new ArrayList<>();
        final Set<String> attachments = new LinkedHashSet<>();

        CaseFrame(String name, String className, double time) {
            this.name = name == null ? "" : ReportText.cap(name, ReportText.NAME_MAX);
            this.className = className == null ? "" : ReportText.cap(className, ReportText.NAME_MAX);
            this.time = time;
        }

        TestOutcome outcome() {
            if (failure) {
                return TestOutcome.FAILED;
            }
            if (error) {
                return TestOutcome.ERROR;
            }
            return skipped ? TestOutcome.SKIPPED : TestOutcome.PASSED;
        }
    }

    /** What character data is being collected into. */
    private enum Capture {
        NONE,
        STACK,
        RERUN,
        OUTPUT
    }

    private final class FileReader {
        private final Path file;
        private final XMLStreamReader reader;
        private final JunitResults.Accumulator into;
        private final Deque<SuiteFrame> suites = new ArrayDeque<>();
        private CaseFrame testCase;
        private Capture capture = Capture.NONE;
        private int depthInRerun;
        private String rerunMessage;
        private final StringBuilder rerunText = new StringBuilder();
        private final StringBuilder line = new StringBuilder();

        FileReader(Path file, XMLStreamReader reader, JunitResults.Accumulator into) {
            this.file = file;
            this.reader = reader;
            this.into = into;
        }

        void read() throws XMLStreamException, MalformedException {
            boolean sawRoot = false;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD ->
                        throw new MalformedException(
                                reader.getLocation().getLineNumber(),
                                "a DOCTYPE is not allowed in a JUnit report (DTDs and external entities are refused)");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new MalformedException(
                                reader.getLocation().getLineNumber(),
                                "entity reference &" + reader.getLocalName() + "; is not allowed in a JUnit report");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (!sawRoot) {
                            sawRoot = true;
                            String root = reader.getLocalName();
                            if (!root.equals("testsuites") && !root.equals("testsuite")) {
                                throw new NotJunitException(
                                        reader.getLocation().getLineNumber(),
                                        "root element <" + root + "> is not <testsuites> or <testsuite>");
                            }
                        }
                        start(reader.getLocalName());
                    }
                    case XMLStreamConstants.END_ELEMENT -> end(reader.getLocalName());
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
                    default -> {}
                }
            }
            if (!sawRoot) {
                throw new MalformedException(-1, "no root element; the file is empty");
            }
            into.file();
        }

        private void start(String element) {
            switch (element) {
                case "testsuite" -> {
                    if (!suites.isEmpty()) {
                        suites.peek().hasChildSuite = true;
                    }
                    suites.push(new SuiteFrame(attribute("name"), timeAttribute()));
                }
                case "testcase" ->
                    testCase = new CaseFrame(attribute("name"), attribute("classname"), seconds(attribute("time")));
                case "failure", "error", "skipped" -> {
                    if (testCase != null) {
                        startOutcome(element);
                    }
                }
                case "flakyFailure", "flakyError", "rerunFailure", "rerunError" -> {
                    if (testCase != null) {
                        if (element.startsWith("flaky")) {
                            testCase.flaky = true;
                        }
                        depthInRerun++;
                        rerunMessage = joinTypeAndMessage(attribute("type"), attribute("message"));
                        rerunText.setLength(0);
                        capture = Capture.RERUN;
                    }
                }
                case "stackTrace" -> capture = testCase != null && depthInRerun > 0 ? Capture.RERUN : capture;
                case "system-out", "system-err" -> {
                    if (testCase != null) {
                        line.setLength(0);
                        capture = Capture.OUTPUT;
                    }
                }
                default -> {}
            }
        }

        private void startOutcome(String element) {
            boolean firstOutcome = !testCase.failure && !testCase.error && !testCase.skipped;
            switch (element) {
                case "failure" -> testCase.failure = true;
                case "error" -> testCase.error = true;
                default -> testCase.skipped = true;
            }
            if (firstOutcome || testCase.message == null) {
                String type = attribute("type");
                String message = attribute("message");
                testCase.message = element.equals("skipped")
                        ? ReportText.cap(nullToEmpty(message), ReportText.MESSAGE_MAX)
                        : joinTypeAndMessage(type, message);
                testCase.stack.setLength(0);
            }
            capture = element.equals("skipped") ? Capture.NONE : Capture.STACK;
        }

        private void end(String element) {
            switch (element) {
                case "testsuite" -> endSuite();
                case "testcase" -> endTestCase();
                case "failure", "error", "skipped" -> capture = Capture.NONE;
                case "flakyFailure", "flakyError", "rerunFailure", "rerunError" -> {
                    if (testCase != null && depthInRerun > 0) {
                        depthInRerun--;
                        if (testCase.reruns.size() < MAX_RERUNS) {
                            String first = rerunText
                                    .toString()
                                    .strip()
                                    .lines()
                                    .findFirst()
                                    .orElse("");
                            testCase.reruns.add(
                                    ReportText.cap(rerunMessage.isEmpty() ? first : rerunMessage, ReportText.NAME_MAX));
                        }
                        capture = Capture.NONE;
                    }
                }
                case "stackTrace" -> capture = depthInRerun > 0 ? Capture.RERUN : Capture.NONE;
                case "system-out", "system-err" -> {
                    if (testCase != null) {
                        endOutputLine();
                        capture = depthInRerun > 0 ? Capture.RERUN : Capture.NONE;
                    }
                }
                default -> {}
            }
        }

        private void endTestCase() {
            if (testCase == null) {
                return;
            }
            CaseFrame done = testCase;
            testCase = null;
            depthInRerun = 0;
            capture = Capture.NONE;
            TestOutcome outcome = done.outcome();
            boolean flaky = done.flaky && outcome == TestOutcome.PASSED;
            SuiteFrame suite = suites.peek();
            if (suite != null) {
                suite.tests++;
                suite.caseTime += done.time;
                switch (outcome) {
                    case FAILED -> suite.failed++;
                    case ERROR -> suite.errors++;
                    case SKIPPED -> suite.skipped++;
                    case PASSED -> suite.flaky += flaky ? 1 : 0;
                }
            } else {
                into.duration(done.time);
            }
            String suiteName = suite == null ? "" : suite.name;
            into.testCase(outcome, flaky, () -> details(done, outcome, flaky, suiteName));
        }

        private TestCaseResult details(CaseFrame done, TestOutcome outcome, boolean flaky, String suiteName) {
            List<Path> files = new ArrayList<>();
            Path folder = file.toAbsolutePath().getParent();
            for (String attachment : done.attachments) {
                Path path;
                try {
                    path = folder.resolve(attachment).normalize();
                } catch (InvalidPathException e) {
                    continue; // Not a path on this machine; the report keeps the test without the attachment.
                }
                if (Files.isRegularFile(path)) {
                    screenshots
                            .sources()
                            .admit(path, folder)
                            .ifPresentOrElse(
                                    files::add,
                                    () -> into.skipped(new SkippedFile(
                                            "attachment " + attachment + " of " + done.className + "." + done.name
                                                    + " in " + file,
                                            ReportSources.OUTSIDE)));
                }
            }
            for (Path screenshot : screenshots.find(done.className, done.name)) {
                if (!files.contains(screenshot)) {
                    files.add(screenshot);
                }
            }
            String stack = done.stack.toString();
            String message = done.message == null || done.message.isBlank()
                    ? ReportText.cap(stack.strip().lines().findFirst().orElse(""), ReportText.MESSAGE_MAX)
                    : done.message; // capped when read from the attribute
            return new TestCaseResult(
                    suiteName,
                    done.className,
                    done.name,
                    done.time,
                    outcome,
                    flaky,
                    message,
                    StackTraces.trim(stack),
                    done.reruns,
                    files,
                    file);
        }

        private void endSuite() {
            SuiteFrame suite = suites.pop();
            if (!suite.hasChildSuite) {
                into.suite(new SuiteSummary(
                        suite.name,
                        file,
                        suite.tests,
                        suite.failed,
                        suite.errors,
                        suite.skipped,
                        suite.flaky,
                        suite.time != null ? suite.time : suite.caseTime));
            }
            SuiteFrame parent = suites.peek();
            double time = suite.time != null ? suite.time : suite.caseTime;
            if (parent == null) {
                into.duration(time);
            } else if (parent.time == null) {
                parent.caseTime += time;
            }
        }

        private void text() {
            if (capture == Capture.NONE || testCase == null) {
                return;
            }
            char[] chars = reader.getTextCharacters();
            int start = reader.getTextStart();
            int length = reader.getTextLength();
            switch (capture) {
                case STACK -> append(testCase.stack, chars, start, length, MAX_TEXT);
                case RERUN -> append(rerunText, chars, start, length, 1024);
                case OUTPUT -> scanOutput(chars, start, length);
                default -> {}
            }
        }

        /** Looks for attachment lines without keeping the output: only the current line is buffered. */
        private void scanOutput(char[] chars, int start, int length) {
            for (int i = start; i < start + length; i++) {
                char c = chars[i];
                if (c == '\n' || c == '\r') {
                    endOutputLine();
                } else if (line.length() < MAX_LINE) {
                    line.append(c);
                }
            }
        }

        private void endOutputLine() {
            int from = line.indexOf(ATTACHMENT_START);
            while (from >= 0 && testCase.attachments.size() < MAX_ATTACHMENTS) {
                int end = line.indexOf("]]", from);
                if (end < 0) {
                    break;
                }
                String path =
                        line.substring(from + ATTACHMENT_START.length(), end).strip();
                if (!path.isEmpty()) {
                    testCase.attachments.add(path);
                }
                from = line.indexOf(ATTACHMENT_START, end);
            }
            line.setLength(0);
        }

        private String attribute(String name) {
            return reader.getAttributeValue(null, name);
        }

        private Double timeAttribute() {
            String value = attribute("time");
            return value == null || value.isBlank() ? null : seconds(value);
        }
    }

    private static void append(StringBuilder target, char[] chars, int start, int length, int limit) {
        int room = limit - target.length();
        if (room > 0) {
            target.append(chars, start, Math.min(room, length));
        }
    }

    /** {@code type: message}, capped: both come from attributes of any length. */
    private static String joinTypeAndMessage(String type, String message) {
        String m = ReportText.cap(nullToEmpty(message), ReportText.MESSAGE_MAX).strip();
        String t = ReportText.cap(nullToEmpty(type), ReportText.NAME_MAX).strip();
        if (t.isEmpty() || m.startsWith(t)) {
            return m;
        }
        return m.isEmpty() ? t : t + ": " + m;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
