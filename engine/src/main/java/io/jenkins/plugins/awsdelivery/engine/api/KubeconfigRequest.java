package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;

/**
 * Write a kubeconfig for an EKS cluster for kubectl and helm users: the cluster's endpoint and CA from
 * {@code DescribeCluster}, and a user whose bearer token is read from a token file that {@link
 * Delivery#renewKubeconfigToken} rewrites before the token expires (client-go re-reads a {@code tokenFile}).
 */
public final class KubeconfigRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final AwsSettings aws;
    private final String directory;
    private final ParameterNames names;

    private KubeconfigRequest(Builder b) {
        this.cluster = b.cluster;
        this.aws = b.aws;
        this.directory = b.directory;
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

    /** The folder in which a private (0700) folder with the kubeconfig and its token file is made. */
    public String directory() {
        return directory;
    }

    public ParameterNames names() {
        return names;
    }

    @Override
    public String toString() {
        return "KubeconfigRequest{cluster=" + cluster + ", directory=" + directory + ", aws=" + aws + "}";
    }

    public static final class Builder {
        private String cluster;
        private AwsSettings aws = AwsSettings.defaults();
        private String directory;
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

        public Builder directory(String directory) {
            this.directory = directory;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public KubeconfigRequest build() {
            if (cluster == null || cluster.isBlank()) {
                throw new InvalidParameterException(names.of("cluster"), "name the EKS cluster");
            }
            if (directory == null || directory.isBlank()) {
                throw new InvalidParameterException(
                        names.of("directory"), "name the folder to write the kubeconfig into");
            }
            return new KubeconfigRequest(this);
        }
    }
}
