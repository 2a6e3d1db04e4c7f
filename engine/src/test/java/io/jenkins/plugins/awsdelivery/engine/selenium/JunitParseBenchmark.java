package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Times the JUnit parser on a generated report (docs/benchmarks.md, "JUnit parsing"). Not a unit test: run it by
 * hand after {@code mvn -pl engine test-compile}:
 *
 * <pre>
 * java -Xmx32m -cp engine/target/classes:engine/target/test-classes \
 *     io.jenkins.plugins.awsdelivery.engine.selenium.JunitParseBenchmark 20000 200000
 * </pre>
 *
 * For each test-case count it writes a Surefire-like report (5% failures with a 30-line stack trace, 1% errors, 2%
 * skipped, 1% flaky with a rerun, every test with a line of system-out), parses it 3 times to warm up and 9 times
 * timed, and prints the median, the fastest and slowest run, and the peak heap use.
 */
public final class JunitParseBenchmark {
    private static final int WARMUP = 3;
    private static final int RUNS = 9;

    private JunitParseBenchmark() {}

    public static void main(String[] args) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"20000"} : args) {
            sizes.add(Integer.parseInt(arg));
        }
        Path dir = Files.createTempDirectory("junit-benchmark");
        System.out.printf(
                Locale.ROOT,
                "java %s, max heap %d MB%n",
                Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20);
        for (int size : sizes) {
            Path file = dir.resolve("TEST-generated-" + size + ".xml");
            generate(file, size);
            JunitParser parser = new JunitParser();
            List<Long> nanos = new ArrayList<>();
            JunitResults results = null;
            for (int run = 0; run < WARMUP + RUNS; run++) {
                System.gc();
                resetPeaks();
                long started = System.nanoTime();
                results = parser.parse(List.of(file));
                long elapsed = System.nanoTime() - started;
                if (run >= WARMUP) {
                    nanos.add(elapsed);
                }
            }
            Collections.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "%,d test cases, %,d KB: median %.1f ms (min %.1f, max %.1f) over %d runs; peak heap %d MB;"
                            + " tests=%d failed=%d errors=%d skipped=%d flaky=%d%n",
                    size,
                    Files.size(file) >> 10,
                    nanos.get(nanos.size() / 2) / 1e6,
                    nanos.get(0) / 1e6,
                    nanos.get(nanos.size() - 1) / 1e6,
                    RUNS,
                    peakHeap() >> 20,
                    results.tests(),
                    results.failed(),
                    results.errors(),
                    results.skipped(),
                    results.flaky());
            Files.delete(file);
        }
        Files.delete(dir);
    }

    static void generate(Path file, int testCases) throws IOException {
        String stack = stackTrace();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
            int perSuite = 100;
            for (int i = 0; i < testCases; i++) {
                if (i % perSuite == 0) {
                    if (i > 0) {
                        out.write("</testsuite>\n");
                    }
                    out.write("<testsuite name=\"com.example.generated.Suite" + (i / perSuite) + "\" time=\"1.5\">\n");
                }
                out.write("<testcase name=\"test" + i + "\" classname=\"com.example.generated.Suite" + (i / perSuite)
                        + "\" time=\"0.015\">");
                int kind = i % 100;
                if (kind < 5) {
                    out.write("<failure message=\"expected: &lt;2&gt; but was: &lt;1&gt;\""
                            + " type=\"org.opentest4j.AssertionFailedError\"><![CDATA[" + stack + "]]></failure>");
                } else if (kind == 5) {
                    out.write("<error message=\"boom\" type=\"java.lang.IllegalStateException\"><![CDATA[" + stack
                            + "]]></error>");
                } else if (kind < 8) {
                    out.write("<skipped message=\"not ready\"/>");
                } else if (kind == 8) {
                    out.write("<flakyFailure message=\"timing\" type=\"java.lang.AssertionError\"><stackTrace><![CDATA["
                            + stack + "]]></stackTrace></flakyFailure>");
                }
                out.write("<system-out><![CDATA[opening page /products/" + i + "\n]]></system-out></testcase>\n");
            }
            out.write("</testsuite>\n</testsuites>\n");
        }
    }

    private static String stackTrace() {
        StringBuilder stack = new StringBuilder("org.opentest4j.AssertionFailedError: expected: <2> but was: <1>\n");
        for (int frame = 0; frame < 30; frame++) {
            stack.append("\tat org.junit.platform.engine.support.hierarchical.NodeTestTask.execute(NodeTestTask.java:")
                    .append(frame)
                    .append(")\n");
        }
        return stack.toString();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
