package io.jenkins.plugins.awsdelivery.engine.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksAccessDenied;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksCluster;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksTokenGenerator;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.RefreshingEksToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How to reach a cluster: an EKS cluster (looked up with {@code DescribeCluster}, authenticated with a presigned STS
 * token renewed every 14 minutes; no aws CLI) or a kubeconfig file (a path, or the one {@code KUBECONFIG} names, as
 * {@code withKubeConfig} sets it).
 */
public abstract sealed class ClusterConnection {

    private ClusterConnection() {}

    /** An EKS cluster with the caller's AWS credentials (see the {@code aws} package for roles and keys). */
    public static ClusterConnection eks(
            String cluster, Region region, AwsCredentialsProvider credentials, Optional<URI> endpointOverride) {
        if (cluster == null || cluster.isBlank()) {
            throw new InvalidParameterException("cluster", "name the EKS cluster");
        }
        return new Eks(cluster, Objects.requireNonNull(region, "region"), credentials, endpointOverride);
    }

    /** A kubeconfig file, with its current context. */
    public static ClusterConnection kubeconfig(Path path) {
        return new Kubeconfig(Objects.requireNonNull(path, "kubeconfig"));
    }

    /** What to call the cluster in results: the EKS cluster name, or the kubeconfig's current context. */
    public abstract String displayName();

    /** Opens a client; the caller closes it. */
    public abstract KubernetesClient connect();

    /**
     * What to add to the message when the API server answered 401 (who are you?) or 403 (you may not): who the cluster
     * saw and how to give that principal access. Starts with {@code "; "}.
     */
    public abstract String accessDenied(int status, String namespace);

    static final class Eks extends ClusterConnection {
        private final String cluster;
        private final Region region;
        private final AwsCredentialsProvider credentials;
        private final Optional<URI> endpointOverride;

        Eks(String cluster, Region region, AwsCredentialsProvider credentials, Optional<URI> endpointOverride) {
            this.cluster = cluster;
            this.region = region;
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.endpointOverride = Objects.requireNonNull(endpointOverride);
        }

        @Override
        public String displayName() {
            return cluster;
        }

        @Override
        public KubernetesClient connect() {
            EksCluster described = EksCluster.describe(cluster, region, credentials, endpointOverride);
            Clock clock = Clock.systemUTC();
            RefreshingEksToken token =
                    new RefreshingEksToken(new EksTokenGenerator(credentials, region, clock), cluster, clock);
            ConfigBuilder config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(described.endpoint())
                    .withOauthTokenProvider(token);
            if (described.certificateAuthorityData() != null) {
                config.withCaCertData(described.certificateAuthorityData());
            }
            return new KubernetesClientBuilder().withConfig(config.build()).build();
        }

        @Override
        public String accessDenied(int status, String namespace) {
            return EksAccessDenied.explain(status, cluster, namespace, region, credentials, endpointOverride);
        }
    }

    static final class Kubeconfig extends ClusterConnection {
        private final Path path;

        Kubeconfig(Path path) {
            this.path = path;
        }

        private Config config() {
            if (!Files.isRegularFile(path)) {
                throw new InvalidParameterException("kubeconfig", path + " does not exist or is no file");
            }
            try {
                return Config.fromKubeconfig(null, Files.readString(path), path.toString());
            } catch (IOException | RuntimeException e) {
                throw new DeliveryException("reading kubeconfig " + path + ": " + e.getMessage()
                        + "; check that it is a valid kubeconfig with a current context");
            }
        }

        @Override
        public String displayName() {
            Config config = config();
            return config.getCurrentContext() != null
                    ? config.getCurrentContext().getName()
                    : config.getMasterUrl();
        }

        @Override
        public KubernetesClient connect() {
            return new KubernetesClientBuilder().withConfig(config()).build();
        }

        @Override
        public String accessDenied(int status, String namespace) {
            return status == 401
                    ? "; the API server does not accept the credentials of kubeconfig " + path + "; renew them"
                    : "; the kubeconfig's user may not do this in namespace " + namespace + "; ask for RBAC access";
        }
    }
}
