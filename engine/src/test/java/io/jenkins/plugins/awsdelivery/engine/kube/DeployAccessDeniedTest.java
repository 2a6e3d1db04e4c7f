package io.jenkins.plugins.awsdelivery.engine.kube;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ImagePins;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.StsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.TestConnections;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * When an EKS cluster refuses the deploy (401: it does not know the principal; 403: it may not do this), the error
 * names the AWS identity that STS {@code GetCallerIdentity} reports for the same credentials, and the fix for that
 * principal: an EKS access entry with an access policy, or an aws-auth mapping.
 */
class DeployAccessDeniedTest {
    static final StaticCredentialsProvider USER_KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEKS", "secret"));

    @TempDir
    Path dir;

    AwsEmulator aws;
    MockKubernetesCluster cluster;

    @BeforeEach
    void start() throws Exception {
        aws = AwsEmulator.start();
        StsEmulator.on(aws);
        cluster = MockKubernetesCluster.start();
        EksEmulator.register(aws).cluster("shop-test", cluster.url(), null);
        Files.writeString(dir.resolve("app.yaml"), DeployerTest.manifest(DeployerTest.REPO + ":1.0"));
    }

    @AfterEach
    void stop() {
        cluster.close();
        aws.close();
    }

    DeployRequest request(AwsCredentialsProvider credentials) {
        return DeployRequest.builder()
                .connection(ClusterConnection.eks("shop-test", TestConnections.euWest1(credentials, aws.endpoint())))
                .namespace("shop-test")
                .manifests(List.of("app.yaml"))
                .baseDirectory(dir)
                .images(ImagePins.of(Map.of(DeployerTest.REPO, DeployerTest.REPO + "@" + DeployerTest.V1)))
                .build();
    }

    @Test
    void deploy_whenTheClusterAnswers401_namesTheCallerAndTheAccessEntryOrMappingItNeeds() {
        cluster.dispatcher().refuse(401, null, "Unauthorized");

        assertThatThrownBy(() -> new Deployer(EventSink.discard()).deploy(request(USER_KEYS)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("cluster shop-test does not accept the AWS identity"
                        + " arn:aws:iam::123456789012:user/emulator")
                .hasMessageContaining("aws eks create-access-entry --cluster-name shop-test --principal-arn"
                        + " arn:aws:iam::123456789012:user/emulator")
                .hasMessageContaining("aws eks associate-access-policy --cluster-name shop-test --principal-arn"
                        + " arn:aws:iam::123456789012:user/emulator --policy-arn"
                        + " arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"
                        + " --access-scope type=namespace,namespaces=shop-test")
                .hasMessageContaining(
                        "mapUsers entry for arn:aws:iam::123456789012:user/emulator in the aws-auth" + " ConfigMap");
    }

    @Test
    void deploy_whenTheClusterAnswers403ToAnAssumedRole_namesTheSessionAndTheRoleThatNeedsTheAccessPolicy() {
        cluster.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("shop-test")
                        .endMetadata()
                        .build())
                .create();
        cluster.dispatcher()
                .refuse(
                        403,
                        "PATCH",
                        "services \"web\" is forbidden: User \"deployer\" cannot patch resource \"services\" in API"
                                + " group \"\" in the namespace \"shop-test\"");

        assertThatThrownBy(() -> new Deployer(EventSink.discard()).deploy(request(assumeRole("deployer", "build-7"))))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("applying Service/web: HTTP 403: services \"web\" is forbidden")
                .hasMessageContaining("cluster shop-test knows the AWS identity"
                        + " arn:aws:sts::123456789012:assumed-role/deployer/build-7 (role"
                        + " arn:aws:iam::123456789012:role/deployer) but does not allow it this")
                .hasMessageContaining("aws eks associate-access-policy --cluster-name shop-test --principal-arn"
                        + " arn:aws:iam::123456789012:role/deployer");
    }

    /** Session credentials for {@code role} from the emulator's STS, as a build that assumed a role holds them. */
    private AwsCredentialsProvider assumeRole(String role, String session) {
        try (StsClient sts = StsClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(USER_KEYS)
                .endpointOverride(aws.endpoint())
                .build()) {
            Credentials credentials = sts.assumeRole(r ->
                            r.roleArn("arn:aws:iam::123456789012:role/" + role).roleSessionName(session))
                    .credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        }
    }
}
