package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The evidence an approver reads beside the Proceed button: for one digest, in plain text, the image as pushed with
 * its tags, every deployment of it with target, revisions and outcome, its last test run with the counts and the
 * report URL, and what the approval policy would answer now. A Jenkinsfile puts it into the {@code input} message.
 *
 * <pre>
 * Image: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:4315… (tags: 1.4.2, 4f1c2e7)
 * Deployed:
 * - cluster staging, namespace shop: succeeded at 2026-12-01T10:03:00Z (Deployment/web revision 7, Service/web)
 * Tested: passed at 2026-12-01T10:09:00Z, 42 tests: 40 passed, 0 failed, 0 errors, 2 skipped, 1 flaky
 * Report: https://jenkins.example.com/job/shop/job/main/42/selenium/
 * Promotion now: refused
 * - no approval counts for sha256:4315… after its last passing test run (…); have 1 more user (not alice) approve …
 * </pre>
 */
public final class ApprovalEvidence {
    private ApprovalEvidence() {}

    /** {@link #forDigest(ReleaseRecord, Digest, ApprovalPolicy, String)} for a digest written as text. */
    public static String forDigest(ReleaseRecord record, String digest, ApprovalPolicy policy, String startedBy) {
        return forDigest(record, Digest.parse("digest", digest), policy, startedBy);
    }

    /**
     * @param policy the rules {@code ecrPromote} will apply; null leaves the last part out
     * @param startedBy the user who started the build, as for {@link ApprovalPolicy#decide}
     */
    public static String forDigest(ReleaseRecord record, Digest digest, ApprovalPolicy policy, String startedBy) {
        if (record == null || digest == null) {
            throw new InvalidParameterException(
                    record == null ? "record" : "digest", "is required to describe the evidence of an image");
        }
        DigestHistory history = new DigestHistory(record, digest);
        StringBuilder text = new StringBuilder();
        image(record, digest, text);
        deployments(record, digest, text);
        tests(history, text);
        if (policy != null) {
            ApprovalDecision decision = policy.decide(record, digest, startedBy);
            text.append("Promotion now: ").append(decision.allowed() ? "allowed" : "refused");
            if (!decision.approvers().isEmpty()) {
                text.append(", approved by ").append(String.join(", ", decision.approvers()));
            }
            text.append('\n');
            decision.reasons()
                    .forEach(reason -> text.append("- ").append(reason).append('\n'));
        }
        return text.toString().stripTrailing();
    }

    /** {@link #oneLine(ReleaseRecord, Digest)} for a digest written as text. */
    public static String oneLine(ReleaseRecord record, String digest) {
        return oneLine(record, Digest.parse("digest", digest));
    }

    /**
     * The same evidence in one line, for places that show a single line or join lines: the heading of Jenkins's
     * "Paused for Input" page, for example. "shop/web@sha256:… (tags: 1.4.2): last deployed to cluster staging,
     * namespace shop (succeeded); tests passed, 42 tests: 40 passed, …; report https://…".
     */
    public static String oneLine(ReleaseRecord record, Digest digest) {
        if (record == null || digest == null) {
            throw new InvalidParameterException(
                    record == null ? "record" : "digest", "is required to describe the evidence of an image");
        }
        DigestHistory history = new DigestHistory(record, digest);
        StringBuilder line = new StringBuilder();
        Optional<PushEntry> push = record.entries(PushEntry.class).stream()
                .filter(p -> p.digest().equals(digest))
                .reduce((first, second) -> second);
        line.append(push.map(p -> p.repository() + "@" + digest).orElse(digest.toString()));
        push.filter(p -> !p.tags().isEmpty()).ifPresent(p -> line.append(" (tags: ")
                .append(String.join(", ", p.tags()))
                .append(')'));
        line.append(": ")
                .append(history.lastDeployment()
                        .map(d -> "last deployed to " + d.target().describe() + " ("
                                + d.outcome().description() + ")")
                        .orElse("not deployed by this build"));
        Optional<TestRunEntry> test = history.lastTest();
        line.append("; ")
                .append(test.map(t -> "tests " + (t.succeeded() ? "passed" : "did not pass") + ", " + t.counts())
                        .orElse("not tested"));
        test.map(TestRunEntry::reportUrl)
                .ifPresent(url -> line.append("; report ").append(url));
        return line.toString();
    }

    private static void image(ReleaseRecord record, Digest digest, StringBuilder text) {
        List<PushEntry> pushes = record.entries(PushEntry.class).stream()
                .filter(push -> push.digest().equals(digest))
                .toList();
        if (pushes.isEmpty()) {
            text.append("Image: ").append(digest).append(" (not pushed by this build)\n");
        }
        for (PushEntry push : pushes) {
            text.append("Image: ").append(push.imageUri());
            if (!push.tags().isEmpty()) {
                text.append(" (tags: ").append(String.join(", ", push.tags())).append(')');
            }
            text.append('\n');
        }
    }

    private static void deployments(ReleaseRecord record, Digest digest, StringBuilder text) {
        List<DeploymentEntry> deployments = record.entries(DeploymentEntry.class).stream()
                .filter(deployment -> deployment.deployed(digest))
                .toList();
        if (deployments.isEmpty()) {
            text.append("Deployed: not by this build\n");
            return;
        }
        text.append("Deployed:\n");
        for (DeploymentEntry deployment : deployments) {
            text.append("- ")
                    .append(deployment.target().describe())
                    .append(": ")
                    .append(deployment.outcome().description())
                    .append(" at ")
                    .append(deployment.time());
            if (!deployment.resources().isEmpty()) {
                text.append(" (").append(describe(deployment.resources())).append(')');
            }
            if (!deployment.rolledBack().isEmpty()) {
                text.append(", rolled back to ").append(describe(deployment.rolledBack()));
            }
            text.append('\n');
        }
    }

    private static void tests(DigestHistory history, StringBuilder text) {
        Optional<TestRunEntry> last = history.lastTest();
        if (last.isEmpty()) {
            text.append("Tested: no test run")
                    .append(history.lastDeployment().isPresent() ? " after its last deployment" : "")
                    .append('\n');
            return;
        }
        TestRunEntry test = last.get();
        text.append("Tested: ")
                .append(test.succeeded() ? "passed" : "did not pass")
                .append(" at ")
                .append(test.time())
                .append(", ")
                .append(test.counts())
                .append('\n');
        if (test.baseUrl() != null) {
            text.append("Tested at: ").append(test.baseUrl()).append('\n');
        }
        if (test.reportUrl() != null) {
            text.append("Report: ").append(test.reportUrl()).append('\n');
        }
    }

    private static String describe(List<DeployedResource> resources) {
        return resources.stream().map(DeployedResource::describe).collect(Collectors.joining(", "));
    }
}
