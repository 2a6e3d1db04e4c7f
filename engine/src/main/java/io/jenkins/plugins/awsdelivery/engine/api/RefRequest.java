package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;

/** Parse and normalise an image reference, as Docker does, without any network call. */
public final class RefRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String reference;
    private final ParameterNames names;

    private RefRequest(Builder b) {
        this.reference = b.reference;
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String reference() {
        return reference;
    }

    public ParameterNames names() {
        return names;
    }

    @Override
    public String toString() {
        return "RefRequest{reference=" + reference + "}";
    }

    public static final class Builder {
        private String reference;
        private ParameterNames names = ParameterNames.pipeline();

        private Builder() {}

        /** e.g. {@code nginx}, {@code host:5000/team/app:1.0@sha256:…} */
        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public RefRequest build() {
            if (reference == null || reference.isBlank()) {
                throw new InvalidParameterException(
                        names.of("reference"), "name an image reference such as nginx or host:5000/team/app:1.0");
            }
            return new RefRequest(this);
        }
    }
}
