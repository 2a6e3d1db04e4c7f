package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a digest may be promoted, from the build's {@link ReleaseRecord} alone: a pure function, no I/O.
 * The record's order is the order of events. Dry-run deployments changed nothing and are ignored throughout.
 *
 * <ul>
 *   <li><b>requireApproval</b>: the digest's last deployment in this build succeeded; a test run of it after that
 *       deployment passed (the last one, see below); and {@code requiredApprovals} approvals count for it.
 *   <li><b>requireTestsPassed</b> (on its own or with the above): the last test run of the digest after its last
 *       deployment (or at all, when it was not deployed) ran at least one test and none failed or ended in an error.
 *       A later failing run wins over an earlier passing one.
 *   <li>An <b>approval counts</b> for the digest when it came after that last, passing test run; the digest had not
 *       been replaced, where it ran, by a deployment of another digest before the approval (same cluster and
 *       namespace and image name, same ECS service and container, same stack; a rolled-back deployment replaced
 *       nothing); and no deployment or test run of another digest came after the approval (a deployment that names no
 *       image, such as a stack of infrastructure only, does not count). An approval is bound to the image the
 *       approver was looking at.
 *   <li><b>requiredApprovals</b> (default 1) counts distinct approvers. User ids are compared ignoring case, as
 *       Jenkins's default user id strategy does; one person approving twice counts once.
 *   <li><b>forbidSelfApproval</b>: an approval by the user who started the build never counts, whoever that user is,
 *       administrators included (Jenkins's {@code input} lets administrators approve any input). A build without a
 *       starting user (timer, SCM change, upstream build) has no self-approval.
 *   <li>An <b>anonymous approval</b> (no approver id) never counts.
 * </ul>
 *
 * Every rule that fails adds one reason to the refusal, saying what would satisfy it.
 */
public final class ApprovalPolicy {
    private final ApprovalRules rules;

    public ApprovalPolicy(ApprovalRules rules) {
        if (rules == null) {
            throw new InvalidParameterException("rules", "is required; use ApprovalRules.none() for no rule");
        }
        this.rules = rules;
    }

    public ApprovalRules rules() {
        return rules;
    }

    /**
     * The same decision for a digest written as text ({@code sha256:…}), for front ends that see only the engine's
     * public value packages.
     *
     * @param digest the digest about to be promoted; an error names the parameter {@code digest}
     */
    public ApprovalDecision decide(ReleaseRecord record, String digest, String startedBy) {
        return decide(record, Digest.parse("digest", digest), startedBy);
    }

    /**
     * @param digest the digest about to be promoted
     * @param startedBy the Jenkins user id that started the build; null when no user did
     */
    public ApprovalDecision decide(ReleaseRecord record, Digest digest, String startedBy) {
        if (record == null) {
            throw new InvalidParameterException(
                    "record", "is required; pass ReleaseRecord.empty() for a build with no entries");
        }
        if (digest == null) {
            throw new InvalidParameterException("digest", "is required: the digest about to be promoted");
        }
        DigestHistory history = new DigestHistory(record, digest);
        List<String> reasons = new ArrayList<>();
        List<String> approvers = new ArrayList<>();
        if (rules.requireApproval()) {
            deploymentReason(history).ifPresent(reasons::add);
        }
        if (rules.requireApproval() || rules.requireTestsPassed()) {
            testReason(history).ifPresent(reasons::add);
        }
        if (rules.requireApproval()) {
            approvalReason(history, startedBy, approvers).ifPresent(reasons::add);
        }
        return new ApprovalDecision(digest, reasons, approvers);
    }

    private static Optional<String> deploymentReason(DigestHistory history) {
        Optional<DeploymentEntry> last = history.lastDeployment();
        if (last.isEmpty()) {
            return Optional.of(history.digest() + " was not deployed by this build; deploy it (eksDeploy, ecsDeploy or"
                    + " cfnDeploy) and test it before promoting it");
        }
        DeploymentEntry deployment = last.get();
        if (deployment.outcome() != DeploymentOutcome.SUCCEEDED) {
            return Optional.of("the last deployment of " + history.digest() + " (to " + describe(deployment) + ") "
                    + deployment.outcome().description() + "; deploy it successfully and test it again");
        }
        return Optional.empty();
    }

    private static Optional<String> testReason(DigestHistory history) {
        Optional<TestRunEntry> last = history.lastTest();
        if (last.isEmpty()) {
            return Optional.of("no test run of " + history.digest()
                    + history.lastDeployment()
                            .map(d -> " after its last deployment (to " + describe(d) + ")")
                            .orElse("")
                    + "; run seleniumTest against it");
        }
        TestRunEntry test = last.get();
        if (test.tests() == 0) {
            return Optional.of("the last test run of " + history.digest() + " (at " + test.time()
                    + ") ran no tests; check that the suite finds its tests and writes its reports, then run"
                    + " seleniumTest again");
        }
        if (!test.succeeded()) {
            return Optional.of("the last test run of " + history.digest() + " (at " + test.time() + ") did not pass ("
                    + test.counts() + "); fix the failures and run seleniumTest against it again");
        }
        return Optional.empty();
    }

    private Optional<String> approvalReason(DigestHistory history, String startedBy, List<String> approvers) {
        Optional<TestRunEntry> test = history.lastTest().filter(TestRunEntry::succeeded);
        if (test.isEmpty()) {
            return Optional.of("no approval counts for " + history.digest()
                    + " before a passing test run of it; approve the input step after the tests pass");
        }
        boolean excludeStarter = rules.forbidSelfApproval() && startedBy != null;
        Map<String, String> counted = new LinkedHashMap<>();
        Map<String, Integer> approvalsPerUser = new LinkedHashMap<>();
        List<String> notCounted = new ArrayList<>();
        List<RecordEntry> entries = history.entries();
        for (int i = history.lastTestPosition() + 1; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof ApprovalEntry approval)) {
                continue;
            }
            String why = whyNotCounted(history, i, approval, excludeStarter ? startedBy : null);
            if (why != null) {
                notCounted.add(why);
            } else {
                String user = approval.approver().toLowerCase(Locale.ROOT);
                counted.putIfAbsent(user, approval.approver());
                approvalsPerUser.merge(user, 1, Integer::sum);
            }
        }
        approvers.addAll(counted.values());
        int required = rules.requiredApprovals();
        if (counted.size() >= required) {
            return Optional.empty();
        }
        approvalsPerUser.forEach((user, times) -> {
            if (times > 1) {
                notCounted.add(counted.get(user) + " approved " + times + " times, which counts once");
            }
        });
        StringBuilder reason = new StringBuilder();
        if (required == 1) {
            reason.append("no approval counts for ").append(history.digest());
        } else {
            reason.append(history.digest())
                    .append(" needs ")
                    .append(required)
                    .append(" approvals by distinct users and has ")
                    .append(counted.size())
                    .append(counted.isEmpty() ? "" : " (" + String.join(", ", counted.values()) + ")");
        }
        reason.append(" after its last passing test run (at ")
                .append(test.get().time())
                .append(")");
        if (!notCounted.isEmpty()) {
            reason.append(": ").append(String.join("; ", notCounted));
        }
        reason.append("; ")
                .append(remedy(history, required - counted.size(), counted, excludeStarter ? startedBy : null));
        return Optional.of(reason.toString());
    }

    /** Null when the approval at {@code position} counts; otherwise why not. */
    private static String whyNotCounted(DigestHistory history, int position, ApprovalEntry approval, String starter) {
        String given = "the approval by " + approval.describe() + " at " + approval.time();
        Optional<DigestHistory.Replacement> replaced = history.replacementBefore(position);
        if (replaced.isPresent()) {
            return given + " came after " + replaced.get().digest + " replaced " + history.digest() + " ("
                    + replaced.get().place + ", at " + replaced.get().deployment.time() + ")";
        }
        Optional<RecordEntry> later = history.otherImageDeployedOrTestedAfter(position);
        if (later.isPresent()) {
            return given + " is older than " + describeOther(later.get());
        }
        if (approval.approver() == null) {
            return given + " is anonymous, and anonymous approvals never count";
        }
        if (starter != null && approval.approver().equalsIgnoreCase(starter)) {
            return given + " is by the user who started this build, which forbidSelfApproval excludes"
                    + " (administrators included)";
        }
        return null;
    }

    private static String remedy(DigestHistory history, int missing, Map<String, String> counted, String starter) {
        if (history.replacementBefore(history.entries().size()).isPresent()) {
            return "deploy and test " + history.digest() + " again, then approve it";
        }
        List<String> excluded = new ArrayList<>(counted.values());
        if (starter != null && !counted.containsKey(starter.toLowerCase(Locale.ROOT))) {
            excluded.add(starter);
        }
        return "have " + missing + " more user" + (missing == 1 ? "" : "s")
                + (excluded.isEmpty() ? "" : " (not " + String.join(" or ", excluded) + ")")
                + " approve an input step after the tests, with no other image deployed or tested after the approval";
    }

    private static String describe(DeploymentEntry deployment) {
        return deployment.target().describe() + " at " + deployment.time();
    }

    private static String describeOther(RecordEntry entry) {
        if (entry instanceof DeploymentEntry deployment) {
            return "the deployment of "
                    + String.join(
                            ", ",
                            deployment.digests().stream().map(Digest::toString).toList()) + " to "
                    + describe(deployment);
        }
        TestRunEntry test = (TestRunEntry) entry;
        return "the test run of " + test.digest() + " at " + test.time();
    }
}
