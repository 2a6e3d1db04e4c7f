package io.jenkins.plugins.awsdelivery.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request, result and exception of the API crosses the Jenkins remoting channel by Java serialization: each one,
 * fully populated, comes back equal in every field (compared through {@code toString()} and {@code toMap()}), and no
 * secret it holds is in its {@code toString()}.
 */
class ApiSerializationTest {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    static final String PASSWORD = "registry-password-1234";

    static final AwsSettings AWS = AwsSettings.builder()
            .region("eu-west-1")
            .credentials("AKIAIOSFODNN7EXAMPLE", Secret.of(SECRET), Secret.of(TOKEN))
            .roleArn("arn:aws:iam::222222222222:role/promoter")
            .externalId("external-1")
            .roleSessionName("jenkins-build-42")
            .endpointUrl("http://127.0.0.1:4566")
            .build();
    static final RegistryLogin LOGIN = RegistryLogin.of("ci", Secret.of(PASSWORD));
    static final RegistryAccess ACCESS = RegistryAccess.of("certs/ca.pem", List.of("registry.test:5000"));
    static final ParameterNames CLI = ParameterNames.of(Map.of("caFile", "--ca-file"));

    static Stream<Serializable> values() {
        return Stream.of(
                AWS,
                LOGIN,
                ACCESS,
                CLI,
                Secret.of(SECRET),
                PushRequest.builder()
                        .context("app")
                        .dockerfile("app/Dockerfile")
                        .buildArgs(Map.of("NPM_TOKEN", "npm-secret-value"))
                        .labels(Map.of("org.opencontainers.image.revision", "3f2c1e0"))
                        .target("runtime")
                        .tags(List.of("3f2c1e0", "latest"))
                        .ecrRepository("shop/web")
                        .registryId("111111111111")
                        .createRepository(true)
                        .scanSeverityThreshold("HIGH")
                        .scanFailureIsWarning(true)
                        .aws(AWS)
                        .access(ACCESS)
                        .names(CLI)
                        .build(),
                PushRequest.builder()
                        .repository("registry.test:5000/shop/web")
                        .tags(List.of("1.0"))
                        .login(LOGIN)
                        .build(),
                DeployRequest.builder()
                        .manifests(List.of("k8s/", "extra/*.yaml"))
                        .namespace("shop-test")
                        .cluster("test")
                        .aws(AWS)
                        .images(Map.of(
                                "shop/web",
                                "111111111111.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:" + "4f1c".repeat(16)))
                        .timeout("7m")
                        .gracePeriod("20s")
                        .rollbackOnFailure(true)
                        .dryRun(true)
                        .followSymlinks(true)
                        .build(),
                SuiteRequest.builder()
                        .command("mvn -B -f e2e/pom.xml verify")
                        .baseUrl("http://127.0.0.1:8080")
                        .reports(List.of("e2e/target/surefire-reports/*.xml"))
                        .screenshots(List.of("e2e/target/screenshots"))
                        .browser("chrome")
                        .managedBrowser(true)
                        .timeout("20m")
                        .failOnFailures(true)
                        .reportDirectory("selenium-report")
                        .environment(Map.of("SHOP_USER", "tester"))
                        .build(),
                JunitRequest.builder()
                        .paths(List.of("target/**/TEST-*.xml"))
                        .screenshots(List.of("shots"))
                        .reportDirectory("report")
                        .title("E2E")
                        .failOnFailures(true)
                        .build(),
                PromoteRequest.builder()
                        .source("111111111111.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:" + "ab".repeat(32))
                        .destination("222222222222.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.4.2")
                        .sourceLogin(LOGIN)
                        .destinationLogin(RegistryLogin.of("prod", Secret.of(PASSWORD)))
                        .sourceAws(AwsSettings.builder()
                                .roleArn("arn:aws:iam::111111111111:role/reader")
                                .build())
                        .destinationAws(AWS)
                        .sourceEcr(true)
                        .destinationEcr(true)
                        .access(ACCESS)
                        .noClobber(true)
                        .dryRun(true)
                        .parallelism(8)
                        .build(),
                EcsDeployRequest.builder()
                        .cluster("shop")
                        .service("web")
                        .images(Map.of(
                                "web",
                                "111111111111.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:" + "cd".repeat(32)))
                        .taskDefinition("ecs/task-definition.json")
                        .aws(AWS)
                        .timeout("20m")
                        .pollInterval("2s")
                        .rollbackOnFailure(true)
                        .build(),
                new EcsDeployResult(Map.of("rolloutState", "FAILED", "rolledBack", true)),
                KubeconfigRequest.builder()
                        .cluster("prod")
                        .aws(AWS)
                        .directory("ws@tmp")
                        .build(),
                new PushResult(Map.of(
                        "registry",
                        "127.0.0.1:5000",
                        "repository",
                        "shop/web",
                        "tags",
                        List.of("1", "latest"),
                        "digest",
                        "sha256:" + "ab".repeat(32),
                        "imageUri",
                        "127.0.0.1:5000/shop/web@sha256:ab")),
                new DeployResult(nested()),
                new SuiteResult(Map.of("tests", 12, "passed", 11, "failed", 1, "reportFiles", List.of("/a.xml"))),
                new JunitResult(Map.of("tests", 3L, "durationSeconds", 0.25)),
                new PromoteResult(Map.of("bytesCopied", 314_572_800L, "digest", "sha256:" + "ab".repeat(32))),
                new KubeconfigResult(Map.of("directory", "/ws@tmp/eks-kubeconfig1", "expiresAt", "2026-12-01T10:14Z")),
                RefRequest.builder()
                        .reference("registry.test:5000/shop/web:1.0")
                        .names(ParameterNames.of(Map.of("reference", "REFERENCE")))
                        .build(),
                new RefResult(Map.of(
                        "registry", "docker.io",
                        "repository", "library/nginx",
                        "canonical", "docker.io/library/nginx:latest")),
                RenderRequest.builder()
                        .manifests(List.of("k8s/"))
                        .images(Map.of("shop/web", "registry.test:5000/shop/web@sha256:" + "ef".repeat(32)))
                        .namespace("shop-test")
                        .build(),
                new RenderResult(Map.of("yaml", "kind: ConfigMap\n---\nkind: Service\n")),
                EksTokenRequest.builder().cluster("prod").aws(AWS).build(),
                new EksTokenResult(Map.of(
                        "kind",
                        "ExecCredential",
                        "apiVersion",
                        "client.authentication.k8s.io/v1beta1",
                        "spec",
                        Map.of(),
                        "status",
                        Map.of("expirationTimestamp", "2026-12-01T10:14:00Z", "token", TOKEN))),
                CfnDeployRequest.builder()
                        .stack("shop-network")
                        .template("cfn/network.yaml")
                        .parameters(Map.of("DbPassword", PASSWORD))
                        .capabilities(List.of("CAPABILITY_IAM"))
                        .tags(Map.of("team", "shop"))
                        .cfnRoleArn("arn:aws:iam::111111111111:role/cfn-deployer")
                        .aws(AWS)
                        .timeout("45m")
                        .pollInterval("2s")
                        .execute(false)
                        .build(),
                new CfnDeployResult(Map.of(
                        "stack",
                        "shop-network",
                        "status",
                        "UPDATE_COMPLETE",
                        "changes",
                        List.of(Map.of("action", "Modify", "logicalId", "Vpc", "type", "AWS::EC2::VPC")),
                        "outputs",
                        Map.of("VpcId", "vpc-1"))),
                new DeliveryFailedException("rollout of Deployment/web failed: ImagePullBackOff", nested()),
                new InvalidParameterException("--ca-file", "/x.pem does not exist"),
                new DeliveryAbortedException("push of shop/web: aborted"));
    }

    private static Map<String, Object> nested() {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("kind", "Deployment");
        resource.put("name", "web");
        resource.put("revision", "7");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cluster", "test");
        values.put("namespace", "shop-test");
        values.put("resources", new ArrayList<>(List.of(resource)));
        values.put("images", Map.of("shop/web", "127.0.0.1:5000/shop/web@sha256:ab"));
        values.put("rolledBack", List.of(resource));
        return values;
    }

    @ParameterizedTest
    @MethodSource("values")
    void javaSerialization_roundTripsEveryField(Serializable value) throws Exception {
        Object copy = roundTrip(value);

        assertThat(copy).isInstanceOf(value.getClass());
        assertThat(copy.toString()).isEqualTo(value.toString());
        if (value instanceof Result result) {
            assertThat(copy).isEqualTo(result);
            assertThat(((Result) copy).toMap()).isEqualTo(result.toMap());
        }
        if (value instanceof DeliveryFailedException failure) {
            assertThat(((DeliveryFailedException) copy).partialResult()).isEqualTo(failure.partialResult());
            assertThat(((Throwable) copy).getMessage()).isEqualTo(failure.getMessage());
        }
        if (value instanceof InvalidParameterException invalid) {
            assertThat(((InvalidParameterException) copy).parameter()).isEqualTo(invalid.parameter());
        }
        if (value instanceof AwsSettings settings) {
            AwsSettings back = (AwsSettings) copy;
            assertThat(back.secretAccessKey().map(Secret::reveal)).contains(SECRET);
            assertThat(back.sessionToken().map(Secret::reveal)).contains(TOKEN);
            assertThat(back.roleArn()).isEqualTo(settings.roleArn());
            assertThat(back.endpointUrl()).isEqualTo(settings.endpointUrl());
        }
        if (value instanceof PromoteRequest promote) {
            PromoteRequest back = (PromoteRequest) copy;
            assertThat(back.sourceLogin().map(l -> l.password().reveal())).contains(PASSWORD);
            assertThat(back.sourceAws().roleArn()).isEqualTo(promote.sourceAws().roleArn());
            assertThat(back.parallelism()).isEqualTo(8);
        }
        if (value instanceof DeployRequest deploy) {
            DeployRequest back = (DeployRequest) copy;
            assertThat(back.timeout()).isEqualTo(deploy.timeout()).hasMinutes(7);
            assertThat(back.images()).isEqualTo(deploy.images());
            assertThat(back.followSymlinks()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("values")
    void toString_neverShowsASecret(Serializable value) {
        assertThat(value.toString())
                .doesNotContain(SECRET)
                .doesNotContain(TOKEN)
                .doesNotContain(PASSWORD)
                .doesNotContain("npm-secret-value");
    }

    @ParameterizedTest
    @MethodSource("values")
    void results_holdOnlyPlainValues(Serializable value) {
        if (value instanceof Result result) {
            assertPlain(result.toMap());
        }
    }

    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            assertThat(map).isInstanceOf(LinkedHashMap.class);
            map.forEach((key, item) -> {
                assertThat(key).isInstanceOf(String.class);
                assertPlain(item);
            });
        } else if (value instanceof List<?> list) {
            assertThat(list).isInstanceOf(ArrayList.class);
            list.forEach(ApiSerializationTest::assertPlain);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class);
        }
    }

    static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
