package io.jenkins.plugins.awsdelivery.checks;

import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EksEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.StsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * One emulated AWS account: a real registry (Debian's docker-registry) behind the ECR emulator, STS, EKS with one
 * cluster that is a mock Kubernetes API server whose fake controllers roll Deployments out.
 */
final class EmulatedAccount implements AutoCloseable {
    static final String REGION = "eu-west-1";

    final String clusterName;
    final LocalRegistry registry;
    final AwsEmulator aws;
    final StsEmulator sts;
    final EcrEmulator ecr;
    final MockKubernetesCluster cluster;

    private EmulatedAccount(String clusterName) throws IOException {
        this.clusterName = clusterName;
        this.registry = new LocalRegistry().start();
        this.aws = AwsEmulator.start();
        this.sts = StsEmulator.on(aws);
        this.ecr = EcrEmulator.on(aws, registry.url(), sts);
        this.cluster = MockKubernetesCluster.start();
        EksEmulator.register(aws).cluster(clusterName, cluster.url(), null);
    }

    static EmulatedAccount start(String clusterName) throws IOException {
        return new EmulatedAccount(clusterName);
    }

    /** AWS settings that send every call of a step to this account's emulator, optionally through a role. */
    AwsSettings settings(String roleArn) {
        AwsSettings.Builder settings =
                AwsSettings.builder().region(REGION).endpointUrl(aws.endpoint().toString());
        if (roleArn != null) {
            settings.roleArn(roleArn);
        }
        return settings.build();
    }

    /** The digest the registry itself holds for {@code repository:tag}, read from its Docker-Content-Digest. */
    Optional<String> registryDigest(String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<Void> response = http().send(
                        HttpRequest.newBuilder(registry.url().resolve("/v2/" + repository + "/manifests/" + tag))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .header(
                                        "Accept",
                                        "application/vnd.oci.image.manifest.v1+json,"
                                                + " application/vnd.docker.distribution.manifest.v2+json,"
                                                + " application/vnd.oci.image.index.v1+json,"
                                                + " application/vnd.docker.distribution.manifest.list.v2+json")
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200 ? response.headers().firstValue("Docker-Content-Digest") : Optional.empty();
    }

    /** The registry's catalog, as its {@code GET /v2/_catalog} answers it (JSON). */
    String catalog() throws IOException, InterruptedException {
        return http().send(
                        HttpRequest.newBuilder(registry.url().resolve("/v2/_catalog"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    }

    @Override
    public void close() {
        cluster.close();
        ecr.close();
        aws.close();
        registry.close();
    }

    URI endpoint() {
        return aws.endpoint();
    }
}
