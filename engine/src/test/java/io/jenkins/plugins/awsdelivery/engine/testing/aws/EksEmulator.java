package io.jenkins.plugins.awsdelivery.engine.testing.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EKS on the {@link AwsEmulator}: {@code DescribeCluster} ({@code GET /clusters/{name}}, REST-JSON) for the clusters
 * a test registers, answering {@code ResourceNotFoundException} (404) for others.
 */
public final class EksEmulator {
    private final Map<String, Map<String, Object>> clusters = new ConcurrentHashMap<>();

    private EksEmulator() {}

    /** Registers the EKS operations on {@code aws}. */
    public static EksEmulator register(AwsEmulator aws) {
        EksEmulator eks = new EksEmulator();
        aws.restOperation("GET", "/clusters/([^/]+)", eks::describeCluster);
        return eks;
    }

    /**
     * Adds an ACTIVE cluster.
     *
     * @param endpoint the API server URL, e.g. a mock Kubernetes server's
     * @param certificateAuthorityData base64 of the CA's PEM, or null
     */
    public EksEmulator cluster(String name, String endpoint, String certificateAuthorityData) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("name", name);
        cluster.put("arn", "arn:aws:eks:eu-west-1:123456789012:cluster/" + name);
        cluster.put("version", "1.31");
        cluster.put("endpoint", endpoint);
        cluster.put("status", "ACTIVE");
        if (certificateAuthorityData != null) {
            cluster.put("certificateAuthority", Map.of("data", certificateAuthorityData));
        }
        clusters.put(name, cluster);
        return this;
    }

    private AwsEmulator.Response describeCluster(AwsEmulator.Request request) throws AwsEmulator.AwsError {
        String name = request.pathGroup(0);
        Map<String, Object> cluster = clusters.get(name);
        if (cluster == null) {
            throw new AwsEmulator.AwsError(
                    404, "ResourceNotFoundException", "No cluster found for name: " + name + ".");
        }
        return AwsEmulator.Response.restJson(200, Map.of("cluster", cluster));
    }
}
