package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An approval given through Jenkins's {@code input} step: the input's id and message, who approved (null when Jenkins
 * knew no user), when ({@link #time()}), and the parameters submitted with it.
 *
 * <p>No secret is kept. A parameter whose name looks secret (password, secret, token, key, credential, ...) keeps its
 * name but its value becomes {@code ****}; any known secret given to {@link Builder#knownSecrets} is masked wherever
 * it appears in the message or a value.
 */
public final class ApprovalEntry extends RecordEntry {
    private static final long serialVersionUID = 1L;

    private final String inputId;
    private final String message;
    private final String approver;
    private final LinkedHashMap<String, String> parameters;

    private ApprovalEntry(Builder b) {
        super(b.time);
        List<Secret> secrets = Values.copyOf("knownSecrets", b.knownSecrets);
        this.inputId = Values.required("inputId", b.inputId);
        this.message = Redaction.maskKnown(Values.optional(b.message), secrets);
        this.approver = Values.optional(b.approver);
        LinkedHashMap<String, String> given = Values.copyOf("parameters", b.parameters);
        this.parameters = new LinkedHashMap<>();
        given.forEach((name, value) -> parameters.put(
                name, Redaction.looksSecret(name) ? Redaction.MASK : Redaction.maskKnown(value, secrets)));
    }

    public static Builder builder() {
        return new Builder();
    }

    static ApprovalEntry fromMap(Fields fields) {
        return builder()
                .time(fields.time())
                .inputId(fields.requiredString("inputId"))
                .message(fields.optionalString("message"))
                .approver(fields.optionalString("approver"))
                .parameters(fields.stringMap("parameters"))
                .build();
    }

    @Override
    public String type() {
        return "approval";
    }

    /** The {@code id} of the {@code input} step. */
    public String inputId() {
        return inputId;
    }

    /** The {@code message} of the {@code input} step; null when it had none. */
    public String message() {
        return message;
    }

    /** The Jenkins user id of the approver; null for an anonymous approval. */
    public String approver() {
        return approver;
    }

    /** Name → submitted value, secret-looking ones as {@code ****}. */
    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** "bob (input release)", "an anonymous user (input release)". */
    public String describe() {
        return (approver == null ? "an anonymous user" : approver) + " (input " + inputId + ")";
    }

    @Override
    void putFields(Map<String, Object> map) {
        map.put("inputId", inputId);
        putIfPresent(map, "message", message);
        putIfPresent(map, "approver", approver);
        map.put("parameters", new LinkedHashMap<>(parameters));
    }

    public static final class Builder {
        private Instant time;
        private String inputId;
        private String message;
        private String approver;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final List<Secret> knownSecrets = new ArrayList<>();

        private Builder() {}

        /** When the approval was given (the end of the {@code input} step's pause). */
        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder inputId(String inputId) {
            this.inputId = inputId;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** The approver's Jenkins user id; null when the approval was anonymous. */
        public Builder approver(String approver) {
            this.approver = approver;
            return this;
        }

        public Builder parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        public Builder parameters(Map<String, String> parameters) {
            this.parameters.putAll(parameters);
            return this;
        }

        /** Values to mask wherever they appear: the credentials this build uses, for example. Never stored. */
        public Builder knownSecrets(Collection<Secret> secrets) {
            knownSecrets.addAll(secrets);
            return this;
        }

        public ApprovalEntry build() {
            return new ApprovalEntry(this);
        }
    }
}
