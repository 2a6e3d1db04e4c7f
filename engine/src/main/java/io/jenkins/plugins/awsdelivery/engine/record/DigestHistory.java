package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a record says about one digest: its last real deployment (dry runs change nothing and are ignored), its last
 * test run after that deployment, and what happened around a given point in the record. Positions are indexes into
 * {@link ReleaseRecord#entries()}, which is in time order.
 */
final class DigestHistory {
    private final List<RecordEntry> entries;
    private final Digest digest;
    private final int lastDeployment;
    private final int lastTest;

    DigestHistory(ReleaseRecord record, Digest digest) {
        this.entries = record.entries();
        this.digest = digest;
        int deployment = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof DeploymentEntry d && changedSomething(d) && d.deployed(digest)) {
                deployment = i;
            }
        }
        int test = -1;
        for (int i = deployment + 1; i < entries.size(); i++) {
            if (entries.get(i) instanceof TestRunEntry t && t.digest().equals(digest)) {
                test = i;
            }
        }
        this.lastDeployment = deployment;
        this.lastTest = test;
    }

    private static boolean changedSomething(DeploymentEntry deployment) {
        return deployment.outcome() != DeploymentOutcome.DRY_RUN;
    }

    Digest digest() {
        return digest;
    }

    List<RecordEntry> entries() {
        return entries;
    }

    Optional<DeploymentEntry> lastDeployment() {
        return lastDeployment < 0 ? Optional.empty() : Optional.of((DeploymentEntry) entries.get(lastDeployment));
    }

    /** The last test run of the digest after its last deployment (or at all, when it was never deployed). */
    Optional<TestRunEntry> lastTest() {
        return lastTest < 0 ? Optional.empty() : Optional.of((TestRunEntry) entries.get(lastTest));
    }

    int lastTestPosition() {
        return lastTest;
    }

    /**
     * The first deployment after the digest's last deployment and before {@code position} that put another digest
     * where this one ran. A deployment that was rolled back put the old one back, so it replaced nothing; a failed one
     * may have, so it counts.
     */
    Optional<Replacement> replacementBefore(int position) {
        if (lastDeployment < 0) {
            return Optional.empty();
        }
        Map<String, String> ours = ((DeploymentEntry) entries.get(lastDeployment)).placements();
        for (int i = lastDeployment + 1; i < position; i++) {
            if (entries.get(i) instanceof DeploymentEntry later
                    && changedSomething(later)
                    && later.outcome() != DeploymentOutcome.ROLLED_BACK) {
                for (Map.Entry<String, String> placement : later.placements().entrySet()) {
                    if (digest.toString().equals(ours.get(placement.getKey()))
                            && !digest.toString().equals(placement.getValue())) {
                        return Optional.of(new Replacement(later, placement.getKey(), placement.getValue()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The first deployment or test run of another digest after {@code position}; deployments of no image do not count. */
    Optional<RecordEntry> otherImageDeployedOrTestedAfter(int position) {
        for (int i = position + 1; i < entries.size(); i++) {
            RecordEntry entry = entries.get(i);
            if (entry instanceof DeploymentEntry d
                    && changedSomething(d)
                    && !d.digests().isEmpty()
                    && !d.deployed(digest)) {
                return Optional.of(entry);
            }
            if (entry instanceof TestRunEntry t && !t.digest().equals(digest)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** A later deployment put {@code digest} at {@code place}, where this history's digest ran. Never stored. */
    static final class Replacement {
        final DeploymentEntry deployment;
        final String place;
        final String digest;

        Replacement(DeploymentEntry deployment, String place, String digest) {
            this.deployment = deployment;
            this.place = place;
            this.digest = digest;
        }
    }
}
