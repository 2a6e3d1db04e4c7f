package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.Serializable;

/**
 * What {@code ecrPromote} demands before it copies a digest, named as its parameters are: {@code requireApproval},
 * {@code forbidSelfApproval}, {@code requiredApprovals}, {@code requireTestsPassed}. {@link ApprovalPolicy} explains
 * each rule. With no rule set, every promotion is allowed.
 */
public final class ApprovalRules implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean requireApproval;
    private final boolean forbidSelfApproval;
    private final int requiredApprovals;
    private final boolean requireTestsPassed;

    private ApprovalRules(Builder b) {
        if (b.requiredApprovals < 1) {
            throw new InvalidParameterException(
                    "requiredApprovals", "is " + b.requiredApprovals + "; it must be 1 or more");
        }
        if (!b.requireApproval && b.forbidSelfApproval) {
            throw new InvalidParameterException(
                    "forbidSelfApproval",
                    "applies to the approvals that requireApproval asks for; set requireApproval: true as well");
        }
        if (!b.requireApproval && b.requiredApprovals > 1) {
            throw new InvalidParameterException(
                    "requiredApprovals",
                    "counts the approvals that requireApproval asks for; set requireApproval: true as well");
        }
        this.requireApproval = b.requireApproval;
        this.forbidSelfApproval = b.forbidSelfApproval;
        this.requiredApprovals = b.requiredApprovals;
        this.requireTestsPassed = b.requireTestsPassed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No rule: every promotion is allowed. */
    public static ApprovalRules none() {
        return builder().build();
    }

    public boolean requireApproval() {
        return requireApproval;
    }

    public boolean forbidSelfApproval() {
        return forbidSelfApproval;
    }

    /** 1 unless set; only meaningful with {@link #requireApproval()}. */
    public int requiredApprovals() {
        return requiredApprovals;
    }

    public boolean requireTestsPassed() {
        return requireTestsPassed;
    }

    @Override
    public String toString() {
        return "ApprovalRules{requireApproval=" + requireApproval + ", forbidSelfApproval=" + forbidSelfApproval
                + ", requiredApprovals=" + requiredApprovals + ", requireTestsPassed=" + requireTestsPassed + "}";
    }

    public static final class Builder {
        private boolean requireApproval;
        private boolean forbidSelfApproval;
        private int requiredApprovals = 1;
        private boolean requireTestsPassed;

        private Builder() {}

        public Builder requireApproval(boolean requireApproval) {
            this.requireApproval = requireApproval;
            return this;
        }

        public Builder forbidSelfApproval(boolean forbidSelfApproval) {
            this.forbidSelfApproval = forbidSelfApproval;
            return this;
        }

        public Builder requiredApprovals(int requiredApprovals) {
            this.requiredApprovals = requiredApprovals;
            return this;
        }

        public Builder requireTestsPassed(boolean requireTestsPassed) {
            this.requireTestsPassed = requireTestsPassed;
            return this;
        }

        public ApprovalRules build() {
            return new ApprovalRules(this);
        }
    }
}
