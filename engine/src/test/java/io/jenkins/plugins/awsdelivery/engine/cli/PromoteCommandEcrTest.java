package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.StsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delivery promote} into and within an ECR registry: the real registry sits behind the emulator's token gate,
 * so a copy succeeds only with a live token from ECR {@code GetAuthorizationToken}.
 */
class PromoteCommandEcrTest {
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPROMOTE";
    private static final Map<String, String> AWS_KEYS = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIAPROMOTETEST",
            "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
            "AWS_REGION", "eu-west-1");

    @RegisterExtension
    static final LocalRegistry testRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry productionRegistry = new LocalRegistry();

    @TempDir
    Path scratch;

    private AwsEmulator aws;
    private StsEmulator sts;
    private EcrEmulator productionEcr;
    private final String repository = "shop/web-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void start() throws Exception {
        aws = AwsEmulator.start();
        sts = StsEmulator.on(aws);
        productionEcr = EcrEmulator.on(aws, productionRegistry.url(), sts);
    }

    @AfterEach
    void stop() {
        productionEcr.close();
        aws.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(CliProcess.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return new ObjectMapper().readValue(run.stdout(), Map.class);
    }

    @Test
    void promote_intoEcr_logsInWithAnEcrTokenAndKeepsTheDigest() throws Exception {
        PushedImage image = new ImageFixtures(testRegistry).pushOciIndex(repository, "1.4.2", 2_000);

        CliProcess.Run run = CliProcess.run(
                scratch,
                AWS_KEYS,
                "promote",
                testRegistry.hostPort() + "/" + repository + ":1.4.2",
                productionEcr.registryHost() + "/" + repository + ":1.4.2",
                "--dest-ecr",
                "--endpoint-url",
                aws.endpoint().toString(),
                "--json");

        assertThat(json(run)).containsEntry("digest", image.digest().toString());
        assertThat(aws.calls())
                .filteredOn(call -> call.operation().equals("GetAuthorizationToken"))
                .hasSize(1)
                .allSatisfy(call -> {
                    assertThat(call.accessKeyId()).isEqualTo("AKIAPROMOTETEST");
                    assertThat(call.region()).isEqualTo("eu-west-1");
                });
        assertThat(new ImageFixtures(productionRegistry).tagDigest(repository, "1.4.2"))
                .contains(image.digest());
    }

    @Test
    void promote_intoEcrWithoutItsToken_isRefusedAndWritesNothing() throws Exception {
        new ImageFixtures(testRegistry).pushOciImage(repository, "1.4.2", 1, 2_000);

        CliProcess.Run run = CliProcess.run(
                scratch,
                AWS_KEYS,
                "promote",
                testRegistry.hostPort() + "/" + repository + ":1.4.2",
                productionEcr.registryHost() + "/" + repository + ":1.4.2");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains(productionEcr.registryHost()).contains("401");
        assertThat(new ImageFixtures(productionRegistry).tagDigest(repository, "1.4.2"))
                .isEmpty();
    }

    @Test
    void promote_withDestinationRole_assumesItForTheTokenAndNeverPrintsSecrets() throws Exception {
        PushedImage image = new ImageFixtures(testRegistry).pushOciImage(repository, "2.0", 2, 2_000);
        String role = "arn:aws:iam::" + StsEmulator.ACCOUNT + ":role/promoter";

        CliProcess.Run run = CliProcess.run(
                scratch,
                AWS_KEYS,
                "promote",
                testRegistry.hostPort() + "/" + repository + ":2.0",
                productionEcr.registryHost() + "/" + repository + ":2.0",
                "--dest-ecr",
                "--dest-role-arn",
                role,
                "--endpoint-url",
                aws.endpoint().toString(),
                "--verbose",
                "--json");

        assertThat(json(run)).containsEntry("digest", image.digest().toString());
        assertThat(sts.assumeRoleCalls()).singleElement().satisfies(call -> {
            assertThat(call.roleArn()).isEqualTo(role);
            assertThat(call.callerAccessKeyId()).isEqualTo("AKIAPROMOTETEST");
        });
        String sessionKey = sts.sessions().get(0).accessKeyId();
        assertThat(aws.calls())
                .filteredOn(call -> call.operation().equals("GetAuthorizationToken"))
                .singleElement()
                .satisfies(call -> assertThat(call.accessKeyId()).isEqualTo(sessionKey));
        String everything = run.stdout() + run.stderr();
        assertThat(everything).doesNotContain(SECRET_KEY);
        assertThat(everything).doesNotContain(sts.sessions().get(0).secretAccessKey());
        assertThat(everything).doesNotContain(sts.sessions().get(0).sessionToken());
        productionEcr.issuedTokens().forEach(token -> assertThat(everything).doesNotContain(token));
    }

    @Test
    void promote_withinOneEcrRegistry_mountsAndMovesNoLayerBytes() throws Exception {
        PushedImage image = new ImageFixtures(productionRegistry).pushOciImage(repository, "3.0", 3, 50_000);

        CliProcess.Run run = CliProcess.run(
                scratch,
                AWS_KEYS,
                "promote",
                productionEcr.registryHost() + "/" + repository + ":3.0",
                productionEcr.registryHost() + "/" + repository + "-release:3.0",
                "--src-ecr",
                "--dest-ecr",
                "--endpoint-url",
                aws.endpoint().toString(),
                "--json");

        assertThat(json(run))
                .containsEntry("digest", image.digest().toString())
                .containsEntry("blobsCopied", 0)
                .containsEntry("bytesCopied", 0)
                .containsEntry("blobsMounted", 4);
    }
}
