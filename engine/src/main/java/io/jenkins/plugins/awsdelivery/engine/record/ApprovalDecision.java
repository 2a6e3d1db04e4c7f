package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@link ApprovalPolicy}: the promotion of a digest is allowed, or refused with every reason, each of
 * which says what would satisfy it. {@link #approvers()} names the approvals that counted.
 */
public final class ApprovalDecision implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String digest;
    private final ArrayList<String> reasons;
    private final ArrayList<String> approvers;

    ApprovalDecision(Digest digest, List<String> reasons, List<String> approvers) {
        this.digest = digest.toString();
        this.reasons = new ArrayList<>(reasons);
        this.approvers = new ArrayList<>(approvers);
    }

    public Digest digest() {
        return Digest.parse(digest);
    }

    public boolean allowed() {
        return reasons.isEmpty();
    }

    /** Why the promotion is refused, each with its remedy; empty when allowed. */
    public List<String> reasons() {
        return Collections.unmodifiableList(reasons);
    }

    /** The distinct users whose approvals counted, in the order they approved. */
    public List<String> approvers() {
        return Collections.unmodifiableList(approvers);
    }

    /** One sentence, or a sentence and one line per reason: the message of the step's error. */
    public String message() {
        if (allowed()) {
            return "promotion of " + digest + " is allowed"
                    + (approvers.isEmpty() ? "" : "; approved by " + String.join(", ", approvers));
        }
        StringBuilder message = new StringBuilder("promotion of " + digest + " is refused:");
        reasons.forEach(reason -> message.append("\n- ").append(reason));
        return message.toString();
    }

    /** {@code allowed, digest, reasons, approvers}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("allowed", allowed());
        map.put("digest", digest);
        map.put("reasons", new ArrayList<>(reasons));
        map.put("approvers", new ArrayList<>(approvers));
        return map;
    }

    @Override
    public String toString() {
        return message();
    }
}
