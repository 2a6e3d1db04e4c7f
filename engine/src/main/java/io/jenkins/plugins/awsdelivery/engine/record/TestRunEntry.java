package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.time.Instant;
import java.util.Map;

/**
 * A test suite run against a deployed image ({@code seleniumTest}): the counts as {@code bin/delivery junit} defines
 * them (flaky tests are counted as passed), the digest that was under test, the base URL tested and where the report
 * is. URLs are stored without user information and with secret-looking query values masked.
 */
public final class TestRunEntry extends RecordEntry {
    private static final long serialVersionUID = 1L;

    private final String digest;
    private final int tests;
    private final int passed;
    private final int failed;
    private final int errors;
    private final int skipped;
    private final int flaky;
    private final String baseUrl;
    private final String reportUrl;

    private TestRunEntry(Builder b) {
        super(b.time);
        this.digest = Values.digest("digest", b.digest);
        this.tests = Values.count("tests", b.tests);
        this.passed = Values.count("passed", b.passed);
        this.failed = Values.count("failed", b.failed);
        this.errors = Values.count("errors", b.errors);
        this.skipped = Values.count("skipped", b.skipped);
        this.flaky = Values.count("flaky", b.flaky);
        this.baseUrl = Redaction.url(Values.optional(b.baseUrl));
        this.reportUrl = Redaction.url(Values.optional(b.reportUrl));
    }

    public static Builder builder() {
        return new Builder();
    }

    static TestRunEntry fromMap(Fields fields) {
        return builder()
                .time(fields.time())
                .digest(fields.requiredString("digest"))
                .tests(fields.integer("tests"))
                .passed(fields.integer("passed"))
                .failed(fields.integer("failed"))
                .errors(fields.integer("errors"))
                .skipped(fields.integer("skipped"))
                .flaky(fields.integer("flaky"))
                .baseUrl(fields.optionalString("baseUrl"))
                .reportUrl(fields.optionalString("reportUrl"))
                .build();
    }

    @Override
    public String type() {
        return "testRun";
    }

    /** The image under test. */
    public Digest digest() {
        return Digest.parse(digest);
    }

    public int tests() {
        return tests;
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    public int errors() {
        return errors;
    }

    public int skipped() {
        return skipped;
    }

    public int flaky() {
        return flaky;
    }

    /** Null when not known. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The static HTML report (a build-page URL in Jenkins, a folder for the CLI); null when none was written. */
    public String reportUrl() {
        return reportUrl;
    }

    /** At least one test ran, and none failed or ended in an error. Skipped and flaky tests do not spoil a run. */
    public boolean succeeded() {
        return tests > 0 && failed == 0 && errors == 0;
    }

    /** "40 tests: 38 passed, 1 failed, 0 errors, 1 skipped, 2 flaky". */
    public String counts() {
        return tests + " tests: " + passed + " passed, " + failed + " failed, " + errors + " errors, " + skipped
                + " skipped, " + flaky + " flaky";
    }

    @Override
    void putFields(Map<String, Object> map) {
        map.put("digest", digest);
        map.put("tests", tests);
        map.put("passed", passed);
        map.put("failed", failed);
        map.put("errors", errors);
        map.put("skipped", skipped);
        map.put("flaky", flaky);
        putIfPresent(map, "baseUrl", baseUrl);
        putIfPresent(map, "reportUrl", reportUrl);
    }

    public static final class Builder {
        private Instant time;
        private String digest;
        private int tests;
        private int passed;
        private int failed;
        private int errors;
        private int skipped;
        private int flaky;
        private String baseUrl;
        private String reportUrl;

        private Builder() {}

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        /** The digest of the image the tests ran against, {@code sha256:…}. */
        public Builder digest(String digest) {
            this.digest = digest;
            return this;
        }

        public Builder tests(int tests) {
            this.tests = tests;
            return this;
        }

        public Builder passed(int passed) {
            this.passed = passed;
            return this;
        }

        public Builder failed(int failed) {
            this.failed = failed;
            return this;
        }

        public Builder errors(int errors) {
            this.errors = errors;
            return this;
        }

        public Builder skipped(int skipped) {
            this.skipped = skipped;
            return this;
        }

        public Builder flaky(int flaky) {
            this.flaky = flaky;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder reportUrl(String reportUrl) {
            this.reportUrl = reportUrl;
            return this;
        }

        public TestRunEntry build() {
            return new TestRunEntry(this);
        }
    }
}
