package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;

/**
 * A bearer token for an EKS cluster, as {@code aws eks get-token} makes it: presigned offline for the regional STS host
 * of the region's partition. The endpoint of {@link AwsSettings#endpointUrl()} only redirects the {@code AssumeRole}
 * call of a role, never the presigned host.
 */
public final class EksTokenRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final AwsSettings aws;
    private final ParameterNames names;

    private EksTokenRequest(Builder b) {
        this.cluster = b.cluster;
        this.aws = b.aws;
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String cluster() {
        return cluster;
    }

    public AwsSettings aws() {
        return aws;
    }

    public ParameterNames names() {
        return names;
    }

    @Override
    public String toString() {
        return "EksTokenRequest{cluster=" + cluster + ", aws=" + aws + "}";
    }

    public static final class Builder {
        private String cluster;
        private AwsSettings aws = AwsSettings.defaults();
        private ParameterNames names = ParameterNames.pipeline();

        private Builder() {}

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder aws(AwsSettings aws) {
            this.aws = aws == null ? AwsSettings.defaults() : aws;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public EksTokenRequest build() {
            if (cluster == null || cluster.isBlank()) {
                throw new InvalidParameterException(names.of("cluster"), "name the EKS cluster");
            }
            return new EksTokenRequest(this);
        }
    }
}
