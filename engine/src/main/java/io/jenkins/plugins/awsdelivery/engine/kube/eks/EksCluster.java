package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsCall;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** What a client needs to reach an EKS cluster's API server: its name, endpoint and CA (base64 PEM, as EKS gives it). */
public record EksCluster(String name, String endpoint, String certificateAuthorityData) {
    public EksCluster {
        Objects.requireNonNull(name);
        Objects.requireNonNull(endpoint);
    }

    /**
     * Looks the cluster up with EKS {@code DescribeCluster}.
     *
     * @param aws region, credentials and (for emulators, VPC endpoints) the endpoint of the call
     */
    public static EksCluster describe(String name, AwsConnection aws) {
        Region region = aws.region();
        try (EksClient eks = aws.configure(EksClient.builder()).build()) {
            Cluster cluster = eks.describeCluster(r -> r.name(name)).cluster();
            if (cluster.endpoint() == null) {
                throw new DeliveryException("EKS cluster " + name + " in " + region.id() + " has no API endpoint yet"
                        + " (status " + cluster.statusAsString() + "); wait until it is ACTIVE");
            }
            String ca = cluster.certificateAuthority() == null
                    ? null
                    : cluster.certificateAuthority().data();
            return new EksCluster(name, cluster.endpoint(), ca);
        } catch (ResourceNotFoundException e) {
            throw new DeliveryException("EKS cluster " + name + " does not exist in " + region.id()
                    + "; check the cluster name and region");
        } catch (SdkException e) {
            AwsCall.throwIfAborted("describing EKS cluster " + name, e);
            throw new DeliveryException(
                    "describing EKS cluster " + name + " in " + region.id() + ": "
                            + SecretMasker.patternsOnly().mask(e.getMessage()) + hint(e),
                    e);
        }
    }

    /** Advice for what the failure says: a refusal needs a permission, no credentials need credentials. */
    private static String hint(SdkException failure) {
        if (failure instanceof AwsServiceException service && service.statusCode() == 403) {
            return "; the credentials need eks:DescribeCluster";
        }
        if (failure instanceof SdkClientException
                && String.valueOf(failure.getMessage()).contains("Unable to load credentials")) {
            return "; no AWS credentials were found for this build: give it credentials (Pipeline: credentialsId;"
                    + " CLI: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a web identity or role of the"
                    + " agent)";
        }
        return "";
    }
}
