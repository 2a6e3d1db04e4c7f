package io.jenkins.plugins.awsdelivery.engine.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksAccessDenied;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksCluster;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksTokenGenerator;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.RefreshingEksToken;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How to reach a cluster: an EKS cluster (looked up with {@code DescribeCluster}, authenticated with a presigned STS
 * token renewed every 14 minutes; no aws CLI) or a kubeconfig file (a path, or the one {@code KUBECONFIG} names, as
 * {@code withKubeConfig} sets it).
 */
public abstract sealed class ClusterConnection {
    /** How long {@link #connect()} tries to reach the API server unless told otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private ClusterConnection() {}

    /**
     * An EKS cluster reached with an AWS connection (region, credentials or role, endpoint); the caller keeps and
     * closes the connection.
     */
    public static ClusterConnection eks(String cluster, AwsConnection aws) {
        if (cluster == null || cluster.isBlank()) {
            throw new InvalidParameterException("cluster", "name the EKS cluster");
        }
        return new Eks(cluster, Objects.requireNonNull(aws, "aws"));
    }

    /** A kubeconfig file, with its current context. */
    public static ClusterConnection kubeconfig(Path path) {
        return new Kubeconfig(List.of(Objects.requireNonNull(path, "kubeconfig")));
    }

    /**
     * The kubeconfig files that a {@code KUBECONFIG} value names (the caller's environment, e.g. what {@code
     * withKubeConfig} set for this build), separated by the platform's path separator ({@code :} on Linux), merged as
     * kubectl merges them (see {@link KubeconfigMerge}); empty entries are ignored.
     *
     * @param resolve turns an entry into a path, e.g. against the build's working directory
     */
    public static ClusterConnection kubeconfigList(String value, Function<String, Path> resolve) {
        List<Path> files = Arrays.stream(value.split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isBlank())
                .map(resolve)
                .toList();
        if (files.isEmpty()) {
            throw new InvalidParameterException("kubeconfig", "KUBECONFIG names no file");
        }
        return new Kubeconfig(files);
    }

    /** What to call the cluster in results: the EKS cluster name, or the kubeconfig's current context. */
    public abstract String displayName();

    /** {@link #connect(Duration)} with {@link #DEFAULT_CONNECT_TIMEOUT}. */
    public final KubernetesClient connect() {
        return connect(DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Opens a client once the API server answered {@code GET /version} (any HTTP status, also 401, counts as an
     * answer); the caller closes it. That first request gets {@code connectTimeout} in all, instead of the client's
     * default of ten retries with backoff (about 21 s when nothing listens, minutes when nothing answers).
     *
     * @throws DeliveryException naming the server when it does not answer in that time
     * @throws OperationAbortedException when the calling thread is interrupted meanwhile
     */
    public final KubernetesClient connect(Duration connectTimeout) {
        Config config = config();
        // Its own client, so that a refused connection is retried 3 times within 0.7 s, not 10 times within 21 s.
        Config probing = new ConfigBuilder(config)
                .withRequestRetryBackoffInterval(100)
                .withRequestRetryBackoffLimit(3)
                .build();
        CompletableFuture<HttpResponse<String>> answer = null;
        try (KubernetesClient probe =
                new KubernetesClientBuilder().withConfig(probing).build()) {
            HttpClient http = probe.getHttpClient();
            String base = config.getMasterUrl().endsWith("/") ? config.getMasterUrl() : config.getMasterUrl() + "/";
            answer = http.sendAsync(
                    http.newHttpRequestBuilder().uri(base + "version").build(), String.class);
            answer.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationAbortedException("connecting to the API server of " + displayName(), e);
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof TimeoutException ? "timed out" : Unreachable.reason(e);
            throw new DeliveryException("cannot reach the API server " + config.getMasterUrl() + " of cluster "
                    + displayName() + " within " + connectTimeout.toSeconds() + "s (" + why + "); check the cluster"
                    + " endpoint and the network (a private endpoint needs the agent inside the VPC), or allow more"
                    + " time with connectTimeout");
        } finally {
            if (answer != null) {
                answer.cancel(true);
            }
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The client configuration: the API server, its CA and the credentials. */
    abstract Config config();

    /**
     * What to add to the message when the API server answered 401 (who are you?) or 403 (you may not): who the cluster
     * saw and how to give that principal access. Starts with {@code "; "}.
     */
    public abstract String accessDenied(int status, String namespace);

    static final class Eks extends ClusterConnection {
        private final String cluster;
        private final AwsConnection aws;

        Eks(String cluster, AwsConnection aws) {
            this.cluster = cluster;
            this.aws = aws;
        }

        @Override
        public String displayName() {
            return cluster;
        }

        @Override
        Config config() {
            EksCluster described = EksCluster.describe(cluster, aws);
            Clock clock = Clock.systemUTC();
            RefreshingEksToken token = new RefreshingEksToken(
                    new EksTokenGenerator(aws.credentialsProvider(), aws.region(), clock), cluster, clock);
            ConfigBuilder config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(described.endpoint())
                    .withOauthTokenProvider(token);
            if (described.certificateAuthorityData() != null) {
                config.withCaCertData(described.certificateAuthorityData());
            }
            return config.build();
        }

        @Override
        public String accessDenied(int status, String namespace) {
            return EksAccessDenied.explain(status, cluster, namespace, aws);
        }
    }

    static final class Kubeconfig extends ClusterConnection {
        private final List<Path> paths;
        private final Path path;

        Kubeconfig(List<Path> paths) {
            this.paths = List.copyOf(paths);
            this.path = paths.get(0);
        }

        @Override
        Config config() {
            if (paths.size() > 1) {
                String merged = KubeconfigMerge.merge(paths);
                try {
                    return Config.fromKubeconfig(null, merged, null);
                } catch (RuntimeException e) {
                    throw new DeliveryException("reading kubeconfigs " + paths + ": " + e.getMessage()
                            + "; check that they are valid kubeconfigs and one sets a current context");
                }
            }
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
        public String accessDenied(int status, String namespace) {
            return status == 401
                    ? "; the API server does not accept the credentials of kubeconfig " + paths + "; renew them"
                    : "; the kubeconfig's user may not do this in namespace " + namespace + "; ask for RBAC access";
        }
    }
}
