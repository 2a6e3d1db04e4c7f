package io.jenkins.plugins.awsdelivery.engine.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.docker.ImageBuild;
import io.jenkins.plugins.awsdelivery.engine.docker.ImagePublisher;
import io.jenkins.plugins.awsdelivery.engine.docker.PushResult;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.StsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.docker.DockerDaemon;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole ecrPush flow: real dockerd builds, the ECR emulator authorizes, the real local registry stores. */
class EcrPushTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/pusher";

    @TempDir
    Path temp;

    private EcrTestEnvironment env;
    private Path context;
    private Path dockerConfigParent;

    @BeforeEach
    void start() throws Exception {
        env = new EcrTestEnvironment();
        context = Files.createDirectories(temp.resolve("context"));
        Files.writeString(context.resolve("hello.txt"), "hello " + UUID.randomUUID() + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nARG GREETING=none\nCOPY hello.txt /\n");
        dockerConfigParent = Files.createDirectories(temp.resolve("docker-configs"));
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private ImageBuild.Builder build(String... tags) {
        return ImageBuild.builder()
                .context(context)
                .tags(List.of(tags))
                .dockerEnvironment(DockerDaemon.shared().environment());
    }

    private PushResult push(AwsConnection connection, EcrPushRequest request) {
        try (Ecr ecr = Ecr.connect(connection, env.events)) {
            ImagePublisher publisher = ImagePublisher.create(new LocalProcessRunner(), env.events)
                    .withTemporaryDirectory(dockerConfigParent);
            return new EcrPush(ecr, publisher, env.events)
                    .withScanTiming(Duration.ofSeconds(10), Duration.ofMillis(20))
                    .push(request);
        }
    }

    /** Pushes {@code build} to {@code repository} with the test's static keys. */
    private PushResult push(String repository, ImageBuild imageBuild) {
        return push(
                env.connection().build(),
                EcrPushRequest.builder()
                        .repository(repository)
                        .build(imageBuild)
                        .build());
    }

    @Test
    void push_buildsWithDockerd_pushesWithAnEcrToken_andReturnsTheDigestTheRegistryHolds() throws Exception {
        env.ecr.givenRepository("team/app", "MUTABLE");

        PushResult result = push(
                env.connection().build(),
                EcrPushRequest.builder()
                        .repository("team/app")
                        .build(build("1.0", "latest")
                                .revision("0123abc")
                                .sourceUrl("https://example.com/team/app")
                                .build())
                        .build());

        assertThat(result.registry()).isEqualTo(env.ecr.registryHost());
        assertThat(result.repository()).isEqualTo("team/app");
        assertThat(result.tags()).containsExactly("1.0", "latest");
        assertThat(result.digest().toString())
                .isEqualTo(Skopeo.digest(env.registry.hostPort() + "/team/app:1.0"))
                .isEqualTo(Skopeo.digest(env.registry.hostPort() + "/team/app:latest"));
        assertThat(result.toMap()).containsEntry("imageUri", env.ecr.registryHost() + "/team/app@" + result.digest());
        assertThat(env.aws.calls())
                .extracting(AwsEmulator.RecordedCall::operation)
                .containsExactly("DescribeRepositories", "GetAuthorizationToken");
    }

    @Test
    void push_setsTheOciSourceAndRevisionLabels() throws Exception {
        env.ecr.givenRepository("team/app", "MUTABLE");

        push(
                env.connection().build(),
                EcrPushRequest.builder()
                        .repository("team/app")
                        .build(build("1.0")
                                .revision("0123abc")
                                .sourceUrl("https://example.com/team/app")
                                .label("team", "web")
                                .build())
                        .build());

        String labels = Skopeo.inspect(env.registry.hostPort() + "/team/app:1.0");
        assertThat(labels)
                .containsPattern("\"org.opencontainers.image.revision\":\\s*\"0123abc\"")
                .containsPattern("\"org.opencontainers.image.source\":\\s*\"https://example.com/team/app\"")
                .containsPattern("\"team\":\\s*\"web\"");
    }

    @Test
    void push_whenTheRepositoryIsMissingAndCreationIsAllowed_createsItAndPushes() {
        PushResult result = push(
                env.connection().build(),
                EcrPushRequest.builder()
                        .repository("team/new")
                        .createRepository(true)
                        .repositorySettings(RepositorySettings.builder()
                                .tagMutability(TagMutability.IMMUTABLE)
                                .build())
                        .build(build("1").build())
                        .build());

        assertThat(env.ecr.repository("team/new").orElseThrow().tagMutability()).isEqualTo("IMMUTABLE");
        assertThat(result.repository()).isEqualTo("team/new");
    }

    @Test
    void push_whenTheRepositoryIsMissingAndCreationIsNotAllowed_failsBeforeBuilding() {
        assertThatThrownBy(() -> push("team/absent", build("1").build()))
                .isInstanceOf(EcrException.class)
                .hasMessageContaining("'team/absent'")
                .hasMessageContaining("createRepository");
        assertThat(env.events.text()).doesNotContain("docker build");
    }

    @Test
    void push_whenTheRegistryTokenExpiresMidPush_fetchesANewTokenOnceAndContinues() throws Exception {
        env.ecr.givenRepository("team/app", "MUTABLE");
        env.ecr.onNextManifestPut(env.ecr::revokeTokens);

        PushResult result = push("team/app", build("first", "second").build());

        assertThat(result.digest().toString()).isEqualTo(Skopeo.digest(env.registry.hostPort() + "/team/app:second"));
        assertThat(env.aws.calls())
                .filteredOn(call -> call.operation().equals("GetAuthorizationToken"))
                .hasSize(2);
        assertThat(env.events.text()).contains("logging in again");
    }

    @Test
    void push_whenTheRoleSessionExpiresMidPush_renewsTheSessionAndContinues() throws Exception {
        env.ecr.givenRepository("team/app", "MUTABLE");
        env.sts.sessionValidity(Duration.ofSeconds(3));
        env.ecr.onNextManifestPut(() -> {
            // Hold the first tag's push until the role session is over, then expire the registry token too.
            Instant expiry = env.sts.sessions().get(0).expiration();
            sleepUntil(expiry.plusMillis(300));
            env.ecr.revokeTokens();
        });

        PushResult result = push(
                env.connection()
                        .roleArn(ROLE)
                        .refreshBefore(Duration.ofMillis(500))
                        .build(),
                EcrPushRequest.builder()
                        .repository("team/app")
                        .build(build("first", "second").build())
                        .build());

        assertThat(result.digest().toString()).isEqualTo(Skopeo.digest(env.registry.hostPort() + "/team/app:second"));
        assertThat(env.sts.assumeRoleCalls()).hasSize(2);
        List<String> tokenSigners = env.aws.calls().stream()
                .filter(call -> call.operation().equals("GetAuthorizationToken"))
                .map(AwsEmulator.RecordedCall::accessKeyId)
                .toList();
        assertThat(tokenSigners).hasSize(2);
        assertThat(tokenSigners.get(0)).isNotEqualTo(tokenSigners.get(1));
    }

    @Test
    void push_withAScanThreshold_failsOnFindingsAtOrAboveItWithTheCounts() throws Exception {
        env.ecr.givenRepository("team/app", "MUTABLE");
        env.ecr.onNextManifestPut(() -> {
            // The scan result is known once the manifest is in: set it for the digest just stored.
            Digest stored = Digest.parse(Skopeo.digest(env.registry.hostPort() + "/team/app:1"));
            env.ecr.scanFindings(stored, Map.of("HIGH", 2, "LOW", 1), 1);
        });

        assertThatThrownBy(() -> push(
                        env.connection().build(),
                        EcrPushRequest.builder()
                                .repository("team/app")
                                .scanSeverityThreshold(Severity.HIGH)
                                .build(build("1").build())
                                .build()))
                .isInstanceOf(ScanGateException.class)
                .hasMessageContaining("HIGH 2, LOW 1");
    }

    @Test
    void push_withAScanThreshold_whenEcrCannotScanTheImage_failsUnlessUnscannedImagesAreAllowed() {
        env.ecr.givenRepository("team/app", "MUTABLE");
        Runnable unsupported = () -> env.ecr.scanAnswers(
                Digest.parse(Skopeo.digest(env.registry.hostPort() + "/team/app:1")),
                List.of(EcrEmulator.ScanAnswer.unavailable(
                        "UNSUPPORTED_IMAGE", "The operating system and/or package manager are not supported.")));
        EcrPushRequest.Builder request = EcrPushRequest.builder()
                .repository("team/app")
                .scanSeverityThreshold(Severity.HIGH)
                .build(build("1").build());
        env.ecr.onNextManifestPut(unsupported);

        assertThatThrownBy(() -> push(env.connection().build(), request.build()))
                .isInstanceOf(EcrException.class)
                .hasMessageContaining("UNSUPPORTED_IMAGE");

        env.ecr.onNextManifestPut(unsupported);
        PushResult result =
                push(env.connection().build(), request.allowUnscannedImage(true).build());

        assertThat(result.digest().toString()).isEqualTo(Skopeo.digest(env.registry.hostPort() + "/team/app:1"));
        assertThat(env.events.text()).contains("WARN").contains("passes unscanned");
    }

    @Test
    void push_withoutAScanThreshold_neverWaitsForTheScan() {
        env.ecr.givenRepository("team/app", "MUTABLE");

        push("team/app", build("1").build());

        assertThat(env.ecr.scanPolls()).isZero();
    }

    @Test
    void push_deletesTheTemporaryDockerConfigAfterSuccess() throws Exception {
        env.ecr.givenRepository("team/app", "MUTABLE");

        push("team/app", build("1").build());

        try (var left = Files.list(dockerConfigParent)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void push_deletesTheTemporaryDockerConfigWhenTheBuildFails() throws Exception {
        env.ecr.givenRepository("team/app", "MUTABLE");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY missing.txt /\n");

        assertThatThrownBy(() -> push("team/app", build("1").build()))
                .hasMessageContaining("docker build of " + context + " failed");
        try (var left = Files.list(dockerConfigParent)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void push_neverRevealsTheToken_theSecretKey_orTheSessionToken() throws Exception {
        env.ecr.givenRepository("team/app", "MUTABLE");
        env.ecr.onNextManifestPut(env.ecr::revokeTokens); // also exercise the refresh path
        List<String> observed = new ArrayList<>();
        AwsConnection connection = env.connection().roleArn(ROLE).build();
        ImageBuild imageBuild =
                build("1", "2").buildArg("GREETING", "hi").revision("abc").build();
        EcrPushRequest request = EcrPushRequest.builder()
                .repository("team/app")
                .build(imageBuild)
                .build();

        PushResult result = push(connection, request);
        try {
            push(
                    connection,
                    EcrPushRequest.builder()
                            .repository("team/absent")
                            .build(imageBuild)
                            .build());
        } catch (RuntimeException e) {
            observed.add(e.getMessage());
        }
        try (Ecr ecr = Ecr.connect(connection, env.events)) {
            EcrAuthorization authorization = ecr.tokens().authorization(env.ecr.registryHost());
            observed.add(authorization.toString());
            observed.add(authorization.credential().toString());
        }
        observed.addAll(env.events.lines());
        observed.addAll(List.of(
                connection.toString(),
                request.toString(),
                imageBuild.toString(),
                result.toString(),
                result.toMap().toString()));

        List<String> secrets = new ArrayList<>(List.of(EcrTestEnvironment.SECRET_KEY));
        for (String token : env.ecr.issuedTokens()) {
            secrets.add(token);
            secrets.add(Base64.getEncoder().encodeToString(("AWS:" + token).getBytes(StandardCharsets.UTF_8)));
        }
        for (StsEmulator.Session session : env.sts.sessions()) {
            secrets.add(session.secretAccessKey());
            secrets.add(session.sessionToken());
        }
        assertThat(env.ecr.issuedTokens()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(observed).isNotEmpty();
        for (String line : observed) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }

    @Test
    void push_toAnImmutableRepository_whenTheTagsHoldTheSameImage_succeedsWithTheExistingDigestWithoutPushing()
            throws Exception {
        env.ecr.givenRepository("team/app", "IMMUTABLE");
        EcrPushRequest request = EcrPushRequest.builder()
                .repository("team/app")
                .build(build("1.0").build())
                .build();
        push(env.connection().build(), request);
        String pushed = Skopeo.digest(env.registry.hostPort() + "/team/app:1.0");
        int linesOfFirstRun = env.events.lines().size();

        PushResult rerun = push("team/app", build("1.0", "rerun").build());

        assertThat(rerun.digest().toString())
                .isEqualTo(pushed)
                .isEqualTo(Skopeo.digest(env.registry.hostPort() + "/team/app:rerun"));
        List<String> secondRun =
                env.events.lines().subList(linesOfFirstRun, env.events.lines().size());
        assertThat(secondRun).noneMatch(line -> line.startsWith("docker push"));
    }

    @Test
    void push_toAnImmutableRepository_whenATagHoldsAnotherImage_failsBeforePushingNamingTagDigestsAndFix()
            throws Exception {
        env.ecr.givenRepository("team/app", "IMMUTABLE");
        push("team/app", build("1.0").build());
        String existing = Skopeo.digest(env.registry.hostPort() + "/team/app:1.0");
        String existingConfig = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Skopeo.run(
                        "inspect",
                        "--tls-verify=false",
                        "--raw",
                        "docker://" + env.registry.hostPort() + "/team/app:1.0"))
                .path("config")
                .path("digest")
                .asText();
        Files.writeString(context.resolve("hello.txt"), "changed " + UUID.randomUUID() + "\n");

        assertThatThrownBy(() -> push("team/app", build("new", "1.0").build()))
                .isInstanceOf(io.jenkins.plugins.awsdelivery.engine.DeliveryException.class)
                .hasMessageContaining(env.ecr.registryHost() + "/team/app:1.0")
                .hasMessageContaining(existing)
                .hasMessageContaining(existingConfig)
                .hasMessageContaining(DockerDaemon.shared()
                        .dockerOutput(List.of(
                                "image", "inspect", "--format", "{{.Id}}", env.ecr.registryHost() + "/team/app:1.0")))
                .hasMessageContaining("new tag")
                .hasMessageContaining("mutable");
        assertThat(Skopeo.digest(env.registry.hostPort() + "/team/app:1.0")).isEqualTo(existing);
        assertThat(env.events.text()).doesNotContain("docker push " + env.ecr.registryHost() + "/team/app:new");
    }

    @Test
    void push_whenInterruptedDuringDockerPush_killsDocker_deletesTheDockerConfig_andThrowsOperationAborted()
            throws Exception {
        env.ecr.givenRepository("team/app", "MUTABLE");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptFlag = new AtomicBoolean();
        Thread pushing = new Thread(() -> {
            try {
                push("team/app", build("1.0").build());
            } catch (Throwable t) {
                thrown.set(t);
                interruptFlag.set(Thread.currentThread().isInterrupted());
            }
        });
        CountDownLatch pushed = new CountDownLatch(1);
        // docker push waits for the registry's answer to its manifest PUT: interrupt the caller at that moment and
        // hold the answer until the docker process is gone.
        env.ecr.onNextManifestPut(() -> {
            pushing.interrupt();
            try {
                pushed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        pushing.start();
        pushing.join(TimeUnit.SECONDS.toMillis(90));
        pushed.countDown();

        assertThat(pushing.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(OperationAbortedException.class);
        assertThat(thrown.get().getMessage()).contains("team/app").contains("docker push");
        assertThat(interruptFlag.get()).isTrue();
        try (var left = Files.list(dockerConfigParent)) {
            assertThat(left).isEmpty();
        }
        assertThat(ProcessHandle.current().descendants())
                .noneMatch(process -> process.info().command().orElse("").endsWith("/docker"));
    }

    private static void sleepUntil(Instant moment) {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
