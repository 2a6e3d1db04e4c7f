package io.jenkins.plugins.awsdelivery.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryFailedException;
import io.jenkins.plugins.awsdelivery.engine.api.DeployRequest;
import io.jenkins.plugins.awsdelivery.engine.api.DeployResult;
import io.jenkins.plugins.awsdelivery.engine.api.PromoteRequest;
import io.jenkins.plugins.awsdelivery.engine.api.PromoteResult;
import io.jenkins.plugins.awsdelivery.engine.api.PushRequest;
import io.jenkins.plugins.awsdelivery.engine.api.PushResult;
import io.jenkins.plugins.awsdelivery.engine.api.SuiteRequest;
import io.jenkins.plugins.awsdelivery.engine.api.SuiteResult;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalDecision;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalEntry;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalEvidence;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalPolicy;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalRules;
import io.jenkins.plugins.awsdelivery.engine.record.DeployedResource;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentEntry;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentOutcome;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentTarget;
import io.jenkins.plugins.awsdelivery.engine.record.PromotionEntry;
import io.jenkins.plugins.awsdelivery.engine.record.PushEntry;
import io.jenkins.plugins.awsdelivery.engine.record.RecordEntry;
import io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecord;
import io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecordJson;
import io.jenkins.plugins.awsdelivery.engine.record.TestRunEntry;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.testing.docker.DockerDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The six-stage flow of {@code docs/examples/Jenkinsfile} through the engine API, the entries the plugin's steps call,
 * on the local stand-ins: the example image built by a real dockerd and pushed through the ECR flow to the "test"
 * account's registry, deployed to the "test" mock cluster, run on loopback and tested by the example Selenium suite
 * with real Chromium, approved in the release record, promoted by digest to the "production" account's registry
 * through a role, and deployed to the "production" mock cluster.
 */
class DeliveryFlowTest {
    private static final String ACCESS_KEY = "AKIAJENKINSTESTACCT0";
    private static final String SECRET_KEY = "jenkins-test-account-secret-key-000000000";
    private static final String PROD_ROLE = "arn:aws:iam::222222222222:role/release-deployer";
    private static final String STARTED_BY = "developer";
    private static final String APPROVER = "release-manager";
    private static final String COMMIT = "3f2c1e0";
    private static final ApprovalPolicy POLICY = new ApprovalPolicy(ApprovalRules.builder()
            .requireApproval(true)
            .forbidSelfApproval(true)
            .requireTestsPassed(true)
            .build());

    @TempDir
    Path workspace;

    EmulatedAccount test;
    EmulatedAccount prod;
    DeliveryContext context;
    ReleaseRecord record = ReleaseRecord.empty();
    String container;

    @BeforeEach
    void start() throws Exception {
        test = EmulatedAccount.start("test");
        prod = EmulatedAccount.start("production");
        prod.ecr.givenRepository("shop/web", "IMMUTABLE");
        // Source: the repository's example application and suite, as a checkout puts them in the workspace
        TreeCopy.copy(Repository.root().resolve("examples/webapp"), workspace.resolve("examples/webapp"));
        Files.createDirectories(workspace.resolve("examples/webapp-e2e"));
        Files.copy(
                Repository.root().resolve("examples/webapp-e2e/pom.xml"),
                workspace.resolve("examples/webapp-e2e/pom.xml"));
        TreeCopy.copy(
                Repository.root().resolve("examples/webapp-e2e/src"), workspace.resolve("examples/webapp-e2e/src"));
        context = DeliveryContext.builder()
                .environment(buildEnvironment())
                .workingDirectory(workspace)
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        if (container != null) {
            DockerDaemon.shared().docker(List.of("rm", "-f", container));
        }
        prod.close();
        test.close();
    }

    @Test
    void flow_runsInProductionExactlyTheDigestThatWasTestedAndApproved() throws Exception {
        PushResult image = buildAndPushToTest();
        deployToTest(image);
        SuiteResult suite = runSuiteAgainstTheImage(image);
        approve(image);

        PromoteResult promoted = promoteToProduction(image);
        DeployResult production = deployToProduction(image);

        String tested = test.registryDigest("shop/web", COMMIT).orElseThrow();
        assertThat(image.digest())
                .as("the digest the test registry holds for the pushed tag")
                .isEqualTo(tested);
        assertThat(suite.passed()).isEqualTo(suite.tests()).isPositive();
        assertThat(promoted.digest()).isEqualTo(tested);
        assertThat(prod.registryDigest("shop/web", COMMIT))
                .as("the production registry's own answer")
                .hasValue(tested);
        String prodImage = prod.ecr.registryHost() + "/shop/web@" + tested;
        assertThat(production.images()).containsEntry("shop/web", prodImage);
        Deployment running = prod.cluster
                .client()
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("shop-web")
                .get();
        assertThat(running.getSpec().getTemplate().getSpec().getContainers())
                .singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo(prodImage));
        List<Pod> pods = prod.cluster.client().pods().inNamespace("shop").list().getItems();
        assertThat(pods).isNotEmpty().allSatisfy(pod -> assertThat(
                        pod.getStatus().getContainerStatuses())
                .allSatisfy(status -> assertThat(status.getImageID()).endsWith("@" + tested)));
        assertThat(prod.sts.assumeRoleCalls())
                .as("production is reached through its role")
                .isNotEmpty();

        assertThat(record.entries())
                .extracting(RecordEntry::type)
                .containsExactly("push", "deployment", "testRun", "approval", "promotion", "deployment");
        assertThat(record.entries(TestRunEntry.class)).singleElement().satisfies(run -> {
            assertThat(run.digest()).hasToString(tested);
            assertThat(run.succeeded()).isTrue();
        });
        assertThat(ReleaseRecordJson.read(ReleaseRecordJson.write(record))).isEqualTo(record);
    }

    @Test
    void flowWhoseSuiteFails_stopsBeforeTheApprovalAndNothingReachesProduction() throws Exception {
        Path products = workspace.resolve("examples/webapp/www/products.html");
        String page = Files.readString(products, StandardCharsets.UTF_8);
        Files.writeString(products, page.replaceAll("(?m)^.*<td>Notebook</td>.*\\R", ""), StandardCharsets.UTF_8);

        PushResult image = buildAndPushToTest();
        deployToTest(image);
        DeliveryFailedException failed =
                catchThrowableOfType(DeliveryFailedException.class, () -> runSuiteAgainstTheImage(image));

        assertThat(failed).as("the suite fails the stage").isNotNull();
        assertThat(count(failed.partialResult(), "failed")).isEqualTo(1);
        assertThat(count(failed.partialResult(), "errors")).isZero();
        assertThat(String.valueOf(failed.partialResult().get("failingTests")))
                .contains("productsPage_listsEveryProductWithItsPrice");
        ApprovalDecision decision = POLICY.decide(record, Digest.parse(image.digest()), STARTED_BY);
        assertThat(decision.allowed()).isFalse();
        assertThat(record.entries()).extracting(RecordEntry::type).containsExactly("push", "deployment", "testRun");
        assertThat(prod.registryDigest("shop/web", COMMIT)).isEmpty();
        assertThat(prod.catalog()).as("the production registry holds nothing").contains("\"repositories\":[]");
        assertThat(prod.cluster
                        .client()
                        .apps()
                        .deployments()
                        .inAnyNamespace()
                        .list()
                        .getItems())
                .isEmpty();
    }

    /** Stage "Build and push to the test ECR": {@code ecrPush(repository: 'shop/web', context: 'examples/webapp', …)}. */
    private PushResult buildAndPushToTest() throws Exception {
        String base = BusyboxBaseImage.in(DockerDaemon.shared());
        PushResult image = Delivery.push(
                context,
                PushRequest.builder()
                        .context("examples/webapp")
                        .buildArgs(Map.of("BASE_IMAGE", base))
                        .tags(List.of(COMMIT))
                        .ecrRepository("shop/web")
                        .createRepository(true)
                        .aws(test.settings(null))
                        .build());
        record = record.with(
                PushEntry.of(Instant.now(), image.registry(), image.repository(), image.tags(), image.digest()));
        return image;
    }

    /** Stage "Deploy to the test EKS": {@code eksDeploy(cluster: 'test', images: ['shop/web': image.imageUri], …)}. */
    private void deployToTest(PushResult image) {
        deploy("test", "shop-test", test.settings(null), image.imageUri());
    }

    /** {@code eksDeploy(manifests: ['examples/webapp/k8s'], …)}; the result joins the record. */
    private DeployResult deploy(String cluster, String namespace, AwsSettings aws, String imageReference) {
        DeployResult deployed = Delivery.deploy(
                context,
                DeployRequest.builder()
                        .manifests(List.of("examples/webapp/k8s"))
                        .namespace(namespace)
                        .cluster(cluster)
                        .aws(aws)
                        .images(Map.of("shop/web", imageReference))
                        .timeout("2m")
                        .build());
        record = record.with(deployment(deployed));
        return deployed;
    }

    /**
     * Stage "Selenium": the image runs on loopback (the test environment's stand-in) and {@code seleniumTest} runs the
     * example suite against it with the managed Chromium.
     */
    private SuiteResult runSuiteAgainstTheImage(PushResult image) throws Exception {
        int port = Loopback.freePort();
        container = DockerDaemon.shared()
                .dockerOutput(
                        List.of("run", "-d", "--network", "host", "-e", "PORT=127.0.0.1:" + port, image.imageUri()));
        String baseUrl = "http://127.0.0.1:" + port + "/";
        assertThat(Loopback.awaitOk(java.net.URI.create(baseUrl), java.time.Duration.ofSeconds(20), () -> true))
                .isTrue();
        SuiteRequest request = SuiteRequest.builder()
                .command(ExampleSuiteRun.mavenCommandLine("examples/webapp-e2e/pom.xml"))
                .baseUrl(baseUrl)
                .reports(List.of("examples/webapp-e2e/target/surefire-reports/TEST-*.xml"))
                .screenshots(List.of("examples/webapp-e2e/target/screenshots"))
                .managedBrowser(true)
                .failOnFailures(true)
                .timeout("10m")
                .build();
        try {
            SuiteResult suite = Delivery.suite(context, request);
            record = record.with(testRun(image, suite.toMap()));
            return suite;
        } catch (DeliveryFailedException e) {
            record = record.with(testRun(image, e.partialResult()));
            throw e;
        }
    }

    /** Stage "Manual approval": {@code input(message: releaseEvidence(…), submitter: 'release-managers')}. */
    private void approve(PushResult image) {
        Digest digest = Digest.parse(image.digest());
        String evidence = ApprovalEvidence.forDigest(record, digest, POLICY, STARTED_BY);
        assertThat(evidence).contains(image.digest());
        record = record.with(ApprovalEntry.builder()
                .time(Instant.now())
                .inputId("promote")
                .message(evidence)
                .approver(APPROVER)
                .build());
    }

    /** {@code ecrPromote(source: image.imageUri, …, roleArn: PROD_ROLE, requireApproval: true, …)}. */
    private PromoteResult promoteToProduction(PushResult image) {
        ApprovalDecision decision = POLICY.decide(record, Digest.parse(image.digest()), STARTED_BY);
        assertThat(decision.allowed()).as(decision.message()).isTrue();
        PromoteResult promoted = Delivery.promote(
                context,
                PromoteRequest.builder()
                        .source(image.imageUri())
                        .destination(prod.ecr.registryHost() + "/shop/web:" + COMMIT)
                        .sourceEcr(true)
                        .sourceAws(test.settings(null))
                        .destinationEcr(true)
                        .destinationAws(prod.settings(PROD_ROLE))
                        .noClobber(true)
                        .build());
        record = record.with(PromotionEntry.builder()
                .time(Instant.now())
                .source(promoted.source())
                .destination(promoted.destination())
                .digest(promoted.digest())
                .blobsCopied((int) promoted.blobsCopied())
                .blobsMounted((int) promoted.blobsMounted())
                .blobsSkipped((int) promoted.blobsSkipped())
                .bytesCopied(promoted.bytesCopied())
                .build());
        return promoted;
    }

    /** {@code eksDeploy(cluster: 'production', images: ['shop/web': PROD_REGISTRY + '/shop/web@' + image.digest])}. */
    private DeployResult deployToProduction(PushResult image) {
        return deploy(
                "production",
                "shop",
                prod.settings(PROD_ROLE),
                prod.ecr.registryHost() + "/shop/web@" + image.digest());
    }

    private static DeploymentEntry deployment(DeployResult deployed) {
        DeploymentEntry.Builder entry = DeploymentEntry.builder()
                .time(Instant.now())
                .target(DeploymentTarget.kubernetes(deployed.cluster(), deployed.namespace()))
                .outcome(DeploymentOutcome.SUCCEEDED)
                .images(deployed.images());
        for (Map<String, Object> resource : deployed.resources()) {
            entry.resource(DeployedResource.of(
                    (String) resource.get("kind"), (String) resource.get("name"), (String) resource.get("revision")));
        }
        return entry.build();
    }

    private static TestRunEntry testRun(PushResult image, Map<String, Object> counts) {
        return TestRunEntry.builder()
                .time(Instant.now())
                .digest(image.digest())
                .tests(count(counts, "tests"))
                .passed(count(counts, "passed"))
                .failed(count(counts, "failed"))
                .errors(count(counts, "errors"))
                .skipped(count(counts, "skipped"))
                .flaky(count(counts, "flaky"))
                .build();
    }

    private static int count(Map<String, Object> values, String name) {
        return ((Number) values.get(name)).intValue();
    }

    /** The build's environment: the test account's keys, the private dockerd, and what Maven and docker need. */
    private static Map<String, String> buildEnvironment() {
        Map<String, String> environment = new HashMap<>();
        for (String inherited : List.of("PATH", "HOME", "JAVA_HOME")) {
            String value = System.getenv(inherited);
            if (value != null) {
                environment.put(inherited, value);
            }
        }
        environment.putAll(DockerDaemon.shared().environment());
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        return environment;
    }
}
