package io.jenkins.plugins.awsdelivery.engine.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of issue #13 ("Engine approval policy"), one row per rule and edge case. Each row is a build's history,
 * the digest to promote, who started the build, the rules, and the expected answer: allowed with the approvers that
 * counted, or refused with one reason per failed rule (checked by a phrase each reason must contain).
 */
class ApprovalPolicyTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    private static final ApprovalRules APPROVAL =
            ApprovalRules.builder().requireApproval(true).build();
    private static final ApprovalRules NO_SELF = ApprovalRules.builder()
            .requireApproval(true)
            .forbidSelfApproval(true)
            .build();
    private static final ApprovalRules TWO =
            ApprovalRules.builder().requireApproval(true).requiredApprovals(2).build();
    private static final ApprovalRules TWO_NO_SELF = ApprovalRules.builder()
            .requireApproval(true)
            .forbidSelfApproval(true)
            .requiredApprovals(2)
            .build();
    private static final ApprovalRules TESTS =
            ApprovalRules.builder().requireTestsPassed(true).build();
    private static final ApprovalRules ALL = ApprovalRules.builder()
            .requireApproval(true)
            .requireTestsPassed(true)
            .forbidSelfApproval(true)
            .build();

    static Stream<Case> cases() {
        return Stream.of(
                // no rule
                row("no rule, empty record", ApprovalRules.none(), h -> h).allowed(),
                // requireApproval: the whole chain
                row("deployed, tested, approved by another user", APPROVAL, h -> h.deploy(A)
                                .test(A)
                                .approve("bob"))
                        .allowed("bob"),
                row("never deployed", APPROVAL, h -> h.test(A).approve("bob"))
                        .refused("was not deployed by this build; deploy it"),
                row("only a dry-run deployment", APPROVAL, h -> h.deploy(A, DeploymentOutcome.DRY_RUN)
                                .test(A)
                                .approve("bob"))
                        .refused("was not deployed by this build"),
                row("last deployment failed", APPROVAL, h -> h.deploy(A)
                                .deploy(A, DeploymentOutcome.FAILED)
                                .test(A)
                                .approve("bob"))
                        .refused(") failed; deploy it successfully"),
                row("last deployment rolled back", APPROVAL, h -> h.deploy(A, DeploymentOutcome.ROLLED_BACK)
                                .test(A)
                                .approve("bob"))
                        .refused("failed and was rolled back; deploy it successfully"),
                row("no tests", APPROVAL, h -> h.deploy(A).approve("bob"))
                        .refused("no test run of " + A + " after its last deployment", "run seleniumTest")
                        .refused("before a passing test run of it; approve the input step after the tests pass"),
                row("failed tests", APPROVAL, h -> h.deploy(A).test(A, 1, 0).approve("bob"))
                        .refused("did not pass (10 tests: 9 passed, 1 failed, 0 errors", "fix the failures")
                        .refused("before a passing test run"),
                row("tests in error", APPROVAL, h -> h.deploy(A).test(A, 0, 2).approve("bob"))
                        .refused("did not pass (10 tests: 8 passed, 0 failed, 2 errors")
                        .refused("before a passing test run"),
                row("a test run with no tests", APPROVAL, h -> h.deploy(A)
                                .testWithNoTests(A)
                                .approve("bob"))
                        .refused("ran no tests")
                        .refused("before a passing test run"),
                row("only another digest tested", APPROVAL, h -> h.deploy(A)
                                .test(B)
                                .approve("bob"))
                        .refused("no test run of " + A + " after its last deployment")
                        .refused("before a passing test run"),
                row(
                                "tested before its last deployment only",
                                APPROVAL,
                                h -> h.deploy(A).test(A).deploy(A).approve("bob"))
                        .refused("no test run of " + A + " after its last deployment")
                        .refused("before a passing test run"),
                row(
                                "a later failing run wins over an earlier passing one",
                                APPROVAL,
                                h -> h.deploy(A).test(A).test(A, 1, 0).approve("bob"))
                        .refused("did not pass")
                        .refused("before a passing test run"),
                row("approval before the test", APPROVAL, h -> h.deploy(A)
                                .approve("bob")
                                .test(A))
                        .refused(
                                "no approval counts for " + A + " after its last passing test run",
                                "have 1 more user approve"),
                row(
                                "approval before a later deployment of another digest",
                                APPROVAL,
                                h -> h.deploy(A).test(A).approve("bob").deployWorker(B))
                        .refused("the approval by bob (input release) at", "is older than the deployment of " + B),
                row(
                                "approval before a later test of another digest",
                                APPROVAL,
                                h -> h.deploy(A).test(A).approve("bob").test(B))
                        .refused("is older than the test run of " + B),
                row(
                                "a dry run of another digest after the approval changes nothing",
                                APPROVAL,
                                h -> h.deploy(A).test(A).approve("bob").deploy(B, DeploymentOutcome.DRY_RUN))
                        .allowed("bob"),
                row(
                                "approval after another digest replaced it in place",
                                APPROVAL,
                                h -> h.deploy(A).test(A).deploy(B).test(B).approve("bob"))
                        .refused(
                                "came after " + B + " replaced " + A
                                        + " (cluster staging, namespace shop, image shop/web",
                                "deploy and test " + A + " again"),
                row(
                                "the replacing digest itself is approved",
                                APPROVAL,
                                h -> h.deploy(A).test(A).deploy(B).test(B).approve("bob"))
                        .promoting(B)
                        .allowed("bob"),
                row("a replacement that was rolled back replaced nothing", APPROVAL, h -> h.deploy(A)
                                .test(A)
                                .deploy(B, DeploymentOutcome.ROLLED_BACK)
                                .approve("bob"))
                        .allowed("bob"),
                row(
                                "two images side by side, each tested, one approval covers both",
                                APPROVAL,
                                h -> h.deploy(A).test(A).deployWorker(B).test(B).approve("bob"))
                        .allowed("bob"),
                row(
                                "an approval collected late lands at its time, before a later deployment",
                                APPROVAL,
                                h -> h.deploy(A).test(A).deployWorker(B).approveAt("bob", 2, 30))
                        .refused("is older than the deployment of " + B),
                // forbidSelfApproval
                row("self approval by the starter", NO_SELF, h -> h.deploy(A)
                                .test(A)
                                .approve("alice"))
                        .refused(
                                "the approval by alice (input release) at",
                                "is by the user who started this build",
                                "(not alice)"),
                row("self approval, user ids differ only in case", NO_SELF, h -> h.deploy(A)
                                .test(A)
                                .approve("alice"))
                        .startedBy("Alice")
                        .refused("is by the user who started this build"),
                row("self approval allowed without forbidSelfApproval", APPROVAL, h -> h.deploy(A)
                                .test(A)
                                .approve("alice"))
                        .allowed("alice"),
                row(
                                "starter and another user approve",
                                NO_SELF,
                                h -> h.deploy(A).test(A).approve("alice").approve("bob"))
                        .allowed("bob"),
                row("no starting user (timer): nobody approves themself", NO_SELF, h -> h.deploy(A)
                                .test(A)
                                .approve("alice"))
                        .startedBy(null)
                        .allowed("alice"),
                row("anonymous approval", APPROVAL, h -> h.deploy(A).test(A).approve(null))
                        .refused(
                                "the approval by an anonymous user (input release) at",
                                "anonymous approvals never count"),
                // requiredApprovals
                row(
                                "two approvals required, the same person twice",
                                TWO,
                                h -> h.deploy(A).test(A).approve("bob").approve("bob"))
                        .refused(
                                "needs 2 approvals by distinct users and has 1 (bob)",
                                "bob approved 2 times, which counts once",
                                "have 1 more user (not bob)"),
                row(
                                "two approvals required, user ids differ only in case",
                                TWO,
                                h -> h.deploy(A).test(A).approve("bob").approve("BOB"))
                        .refused("has 1 (bob)"),
                row(
                                "two approvals required, two distinct users",
                                TWO,
                                h -> h.deploy(A).test(A).approve("bob").approve("carol"))
                        .allowed("bob", "carol"),
                row(
                                "two approvals required, the starter is one of two",
                                TWO_NO_SELF,
                                h -> h.deploy(A).test(A).approve("alice").approve("bob"))
                        .refused(
                                "has 1 (bob)",
                                "is by the user who started this build",
                                "have 1 more user (not bob or alice)"),
                row(
                                "two approvals required, the starter counts without forbidSelfApproval",
                                TWO,
                                h -> h.deploy(A).test(A).approve("alice").approve("bob"))
                        .allowed("alice", "bob"),
                row(
                                "two approvals required, anonymous does not make the second",
                                TWO,
                                h -> h.deploy(A).test(A).approve("bob").approve(null))
                        .refused("has 1 (bob)", "anonymous approvals never count"),
                row("two approvals required, one before the test", TWO, h -> h.deploy(A)
                                .test(A, 1, 0)
                                .approve("carol")
                                .test(A)
                                .approve("bob"))
                        .refused("has 1 (bob)"),
                // requireTestsPassed on its own
                row("tests passed, never deployed, no approval needed", TESTS, h -> h.test(A))
                        .allowed(),
                row("tests passed after the last deployment", TESTS, h -> h.deploy(A)
                                .test(A))
                        .allowed(),
                row("no test run, tests required", TESTS, h -> h)
                        .refused("no test run of " + A + "; run seleniumTest against it"),
                row("failed tests, tests required", TESTS, h -> h.deploy(A).test(A, 2, 0))
                        .refused("did not pass (10 tests: 8 passed, 2 failed"),
                row("tests of another digest, tests required", TESTS, h -> h.test(B))
                        .refused("no test run of " + A),
                // every reason at once
                row("everything missing: every reason, tests named once", ALL, h -> h)
                        .refused("was not deployed by this build")
                        .refused("no test run of " + A + "; run seleniumTest against it")
                        .refused("before a passing test run"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decide(Case c) {
        ApprovalDecision decision = new ApprovalPolicy(c.rules).decide(c.record, Digest.parse(c.digest), c.startedBy);

        assertThat(decision.allowed()).as(decision.message()).isEqualTo(c.expectedReasons.isEmpty());
        assertThat(decision.reasons()).as(decision.message()).hasSameSizeAs(c.expectedReasons);
        for (int i = 0; i < c.expectedReasons.size(); i++) {
            assertThat(decision.reasons().get(i)).contains(c.expectedReasons.get(i));
        }
        if (c.expectedApprovers != null) {
            assertThat(decision.approvers()).containsExactlyElementsOf(c.expectedApprovers);
        }
    }

    @Test
    void message_whenRefused_namesTheDigestAndListsEveryReasonOnItsOwnLine() {
        ApprovalDecision decision = new ApprovalPolicy(ALL).decide(ReleaseRecord.empty(), Digest.parse(A), "alice");

        assertThat(decision.message()).startsWith("promotion of " + A + " is refused:\n- ");
        assertThat(decision.message().lines()).hasSize(4);
    }

    @Test
    void toMap_givesTheAnswerAsPlainValues() {
        ApprovalDecision decision = new ApprovalPolicy(APPROVAL)
                .decide(new History().deploy(A).test(A).approve("bob").record, Digest.parse(A), "alice");

        assertThat(decision.toMap())
                .containsEntry("allowed", true)
                .containsEntry("digest", A)
                .containsEntry("reasons", List.of())
                .containsEntry("approvers", List.of("bob"));
    }

    @Test
    void decide_withTheDigestAsText_decidesAsForTheDigest() {
        ApprovalDecision decision = new ApprovalPolicy(NO_SELF)
                .decide(new History().deploy(A).test(A).approve("alice").record, A, "alice");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.digest()).hasToString(A);
        assertThat(decision.reasons()).singleElement().asString().contains("not alice");
    }

    @Test
    void decide_withTextThatIsNoDigest_isRefusedNamingTheParameterDigest() {
        assertThatThrownBy(() -> new ApprovalPolicy(APPROVAL).decide(ReleaseRecord.empty(), "sha256:abc", "alice"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("digest: ");
    }

    @Test
    void rules_requiredApprovalsBelowOne_isRefusedNamingTheParameter() {
        assertThatThrownBy(() -> ApprovalRules.builder()
                        .requireApproval(true)
                        .requiredApprovals(0)
                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("requiredApprovals:")
                .hasMessageContaining("1 or more");
    }

    @Test
    void rules_forbidSelfApprovalWithoutRequireApproval_saysToSetRequireApproval() {
        assertThatThrownBy(
                        () -> ApprovalRules.builder().forbidSelfApproval(true).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("forbidSelfApproval:")
                .hasMessageContaining("set requireApproval: true");
    }

    @Test
    void rules_requiredApprovalsWithoutRequireApproval_saysToSetRequireApproval() {
        assertThatThrownBy(() -> ApprovalRules.builder().requiredApprovals(2).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("requiredApprovals:")
                .hasMessageContaining("set requireApproval: true");
    }

    /** A row promoting {@code A} in a build alice started, unless {@link Case#promoting} or {@link Case#startedBy}. */
    private static Case row(String name, ApprovalRules rules, UnaryOperator<History> history) {
        return new Case(name, history.apply(new History()).record, rules);
    }

    /** One row: a name, the inputs, and the expected answer. */
    static final class Case {
        final String name;
        final ReleaseRecord record;
        final ApprovalRules rules;
        String digest = A;
        String startedBy = "alice";
        final List<List<String>> expectedReasons = new ArrayList<>();
        List<String> expectedApprovers;

        Case(String name, ReleaseRecord record, ApprovalRules rules) {
            this.name = name;
            this.record = record;
            this.rules = rules;
        }

        Case promoting(String digest) {
            this.digest = digest;
            return this;
        }

        Case startedBy(String user) {
            this.startedBy = user;
            return this;
        }

        Case allowed(String... approvers) {
            expectedApprovers = List.of(approvers);
            return this;
        }

        /** One more reason, which must contain every phrase given. */
        Case refused(String... phrases) {
            expectedReasons.add(List.of(phrases));
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A build's history, one event a minute from 10:00: web and worker on EKS cluster staging, namespace shop. */
    static final class History {
        ReleaseRecord record = ReleaseRecord.empty();
        private int minute;

        private Instant next() {
            minute++;
            return Instant.parse("2026-12-01T10:00:00Z").plusSeconds(60L * minute);
        }

        History deploy(String digest) {
            return deploy(digest, DeploymentOutcome.SUCCEEDED);
        }

        History deploy(String digest, DeploymentOutcome outcome) {
            return deployImage("shop/web", digest, outcome);
        }

        History deployWorker(String digest) {
            return deployImage("shop/worker", digest, DeploymentOutcome.SUCCEEDED);
        }

        private History deployImage(String name, String digest, DeploymentOutcome outcome) {
            record = record.with(DeploymentEntry.builder()
                    .time(next())
                    .target(DeploymentTarget.kubernetes("staging", "shop"))
                    .outcome(outcome)
                    .image(name, "111111111111.dkr.ecr.eu-west-1.amazonaws.com/" + name + "@" + digest)
                    .build());
            return this;
        }

        History test(String digest) {
            return test(digest, 0, 0);
        }

        /** Ten tests, of which {@code failed} failed and {@code errors} ended in an error. */
        History test(String digest, int failed, int errors) {
            record = record.with(TestRunEntry.builder()
                    .time(next())
                    .digest(digest)
                    .tests(10)
                    .passed(10 - failed - errors)
                    .failed(failed)
                    .errors(errors)
                    .build());
            return this;
        }

        History testWithNoTests(String digest) {
            record = record.with(
                    TestRunEntry.builder().time(next()).digest(digest).build());
            return this;
        }

        History approve(String approver) {
            return approveAt(approver, next());
        }

        /** An approval collected after other entries were added, at minute {@code minute} second {@code second}. */
        History approveAt(String approver, int minute, int second) {
            return approveAt(approver, Instant.parse("2026-12-01T10:00:00Z").plusSeconds(60L * minute + second));
        }

        private History approveAt(String approver, Instant time) {
            record = record.with(ApprovalEntry.builder()
                    .time(time)
                    .inputId("release")
                    .approver(approver)
                    .build());
            return this;
        }
    }
}
