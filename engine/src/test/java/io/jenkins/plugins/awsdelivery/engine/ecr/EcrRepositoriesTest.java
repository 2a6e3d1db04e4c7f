package io.jenkins.plugins.awsdelivery.engine.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator;
import java.net.URI;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repository ensure against the ECR emulator; no image is involved, so its registry is never reached. */
class EcrRepositoriesTest {
    private static final String POLICY =
            "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
                    + "\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":7},\"action\":{\"type\":\"expire\"}}]}";

    private AwsEmulator aws;
    private EcrEmulator emulator;
    private Ecr ecr;

    @BeforeEach
    void start() throws Exception {
        aws = AwsEmulator.start();
        emulator = EcrEmulator.on(aws, URI.create("http://127.0.0.1:9"), null);
        ecr = Ecr.connect(
                AwsConnection.builder()
                        .region("eu-west-1")
                        .staticCredentials("AKIATEST", "secret")
                        .endpointOverride(aws.endpoint())
                        .build(),
                EventSink.discard());
    }

    @AfterEach
    void stop() {
        ecr.close();
        emulator.close();
        aws.close();
    }

    @Test
    void describe_whenTheBuildIsAborted_isAnAbortNotAnEcrFailure() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ecr.repositories().describe("team/app", null))
                    .isInstanceOf(OperationAbortedException.class)
                    .isNotInstanceOf(EcrException.class)
                    .hasMessage("ECR DescribeRepositories for repository 'team/app': aborted");
            assertThat(Thread.currentThread().isInterrupted())
                    .as("interrupt flag kept")
                    .isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void ensure_whenMissingAndCreationNotAllowed_failsNamingTheRepositoryAndTheParameter() {
        assertThatThrownBy(() -> ecr.repositories().ensure("team/app", null, false, RepositorySettings.defaults()))
                .isInstanceOf(EcrException.class)
                .hasMessageContaining("'team/app' does not exist")
                .hasMessageContaining("createRepository")
                .hasMessageContaining("--create-repository");
        assertThat(emulator.repository("team/app")).isEmpty();
    }

    @Test
    void ensure_whenMissingAndCreationAllowed_createsItWithTheRequestedSettings() {
        RepositorySettings settings = RepositorySettings.builder()
                .scanOnPush(true)
                .tagMutability(TagMutability.IMMUTABLE)
                .kmsKey("arn:aws:kms:eu-west-1:123456789012:key/1234abcd")
                .lifecyclePolicy(POLICY)
                .build();

        EcrRepository repository = ecr.repositories().ensure("team/app", null, true, settings);

        assertThat(repository.created()).isTrue();
        assertThat(repository.uri().canonical()).isEqualTo(emulator.registryHost() + "/team/app");
        EcrEmulator.Repository recorded = emulator.repository("team/app").orElseThrow();
        assertThat(recorded.scanOnPush()).isTrue();
        assertThat(recorded.tagMutability()).isEqualTo("IMMUTABLE");
        assertThat(recorded.encryptionType()).isEqualTo("KMS");
        assertThat(recorded.kmsKey()).isEqualTo("arn:aws:kms:eu-west-1:123456789012:key/1234abcd");
        assertThat(recorded.lifecyclePolicy()).isEqualTo(POLICY);
    }

    @Test
    void ensure_withDefaultSettings_createsAMutableAes256RepositoryThatScansOnPush() {
        ecr.repositories().ensure("app", null, true, RepositorySettings.defaults());

        EcrEmulator.Repository recorded = emulator.repository("app").orElseThrow();
        assertThat(recorded.scanOnPush()).isTrue();
        assertThat(recorded.tagMutability()).isEqualTo("MUTABLE");
        assertThat(recorded.encryptionType()).isEqualTo("AES256");
        assertThat(recorded.kmsKey()).isNull();
        assertThat(emulator.lifecyclePolicies()).isEmpty();
    }

    @Test
    void ensure_whenItExists_usesItAsItIsWithoutCreating() {
        emulator.givenRepository("team/app", "MUTABLE");

        EcrRepository repository = ecr.repositories()
                .ensure(
                        "team/app",
                        null,
                        true,
                        RepositorySettings.builder()
                                .tagMutability(TagMutability.IMMUTABLE)
                                .build());

        assertThat(repository.created()).isFalse();
        assertThat(repository.tagMutability()).isEqualTo(TagMutability.MUTABLE);
        assertThat(aws.calls()).extracting(AwsEmulator.RecordedCall::operation).doesNotContain("CreateRepository");
    }

    @Test
    void list_readsEveryPage() {
        IntStream.range(0, 7).forEach(i -> emulator.givenRepository("app" + i, "MUTABLE"));
        emulator.pageSize(3);

        assertThat(ecr.repositories().list(null)).hasSize(7);
        assertThat(aws.calls())
                .filteredOn(c -> c.operation().equals("DescribeRepositories"))
                .hasSize(3);
    }

    @Test
    void ensure_withAnInvalidName_failsNamingTheRepositoryParameter() {
        assertThatThrownBy(() -> ecr.repositories().ensure("Team/App", null, true, RepositorySettings.defaults()))
                .hasMessageStartingWith("repository: ");
    }
}
