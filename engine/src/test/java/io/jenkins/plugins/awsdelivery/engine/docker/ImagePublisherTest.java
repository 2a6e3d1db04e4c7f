package io.jenkins.plugins.awsdelivery.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryException;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryTransport;
import io.jenkins.plugins.awsdelivery.engine.registry.TrustedCertificates;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.RecordingEventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.docker.DockerDaemon;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PrivateCa;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build and push with a real dockerd to a real registry that serves TLS with a certificate from a private CA. */
class ImagePublisherTest {
    @TempDir
    static Path caDirectory;

    private static PrivateCa ca;
    private static LocalRegistry registry;

    @TempDir
    Path temp;

    private Path context;
    private Path dockerConfigParent;
    private final RecordingEventSink events = new RecordingEventSink();

    @BeforeAll
    static void startRegistry() {
        ca = PrivateCa.create(caDirectory);
        registry = new LocalRegistry()
                .withTls(ca.serverCertificate(), ca.serverKey(), ca.certificate())
                .start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void createContext() throws Exception {
        context = Files.createDirectories(temp.resolve("context"));
        Files.writeString(context.resolve("hello.txt"), "hello " + UUID.randomUUID() + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        dockerConfigParent = Files.createDirectories(temp.resolve("docker-configs"));
    }

    private ImagePublisher publisher() {
        return ImagePublisher.create(new LocalProcessRunner(), events).withTemporaryDirectory(dockerConfigParent);
    }

    private ImageBuild build(String tag) {
        return ImageBuild.builder()
                .context(context)
                .tag(tag)
                .dockerEnvironment(DockerDaemon.shared().environment())
                .build();
    }

    @Test
    void publish_toARegistryWithAPrivateCa_readsTheDigestBackWithTheCaGivenInTheTransport() {
        ImageReference repository = ImageReference.parse(registry.hostPort() + "/team/tls");

        PushResult result;
        try (RegistryTransport transport = RegistryTransport.builder()
                .sslContext(TrustedCertificates.withPemFile("--ca-file", ca.certificate()))
                .build()) {
            result = publisher()
                    .withTransport(transport)
                    .publish(build("1.0"), repository, RegistryCredentialProvider.anonymous());
        }

        String skopeoDigest = Skopeo.digestVerifiedWith(ca.certDir(), registry.hostPort() + "/team/tls:1.0");
        assertThat(result.digest().toString()).isEqualTo(skopeoDigest);
    }

    @Test
    void publish_toARegistryWithAPrivateCa_withoutTheCa_failsAtTheReadBackNamingCaFile() {
        ImageReference repository = ImageReference.parse(registry.hostPort() + "/team/untrusted");

        assertThatThrownBy(() -> publisher().publish(build("1.0"), repository, RegistryCredentialProvider.anonymous()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("is not trusted")
                .hasMessageContaining("--ca-file");
        // docker itself pushed: dockerd treats loopback registries as insecure.
        assertThat(Skopeo.digest(registry.hostPort() + "/team/untrusted:1.0")).startsWith("sha256:");
    }

    @Test
    void publish_whenInterruptedDuringDockerBuild_killsDocker_deletesTheDockerConfig_andThrowsOperationAborted()
            throws Exception {
        DockerDaemon daemon = DockerDaemon.shared();
        Files.writeString(
                context.resolve("Dockerfile"),
                "FROM " + daemon.busyboxImage() + "\nRUN echo build-is-running && sleep 300\n");
        ImageReference repository = ImageReference.parse(registry.hostPort() + "/team/aborted");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptFlag = new AtomicBoolean();
        Thread pushing = new Thread(() -> {
            try {
                publisher().publish(build("1.0"), repository, RegistryCredentialProvider.anonymous());
            } catch (Throwable t) {
                thrown.set(t);
                interruptFlag.set(Thread.currentThread().isInterrupted());
            }
        });

        pushing.start();
        awaitLine("build-is-running");
        pushing.interrupt();
        pushing.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(pushing.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(OperationAbortedException.class);
        assertThat(thrown.get().getMessage()).contains("team/aborted").contains("docker build");
        assertThat(interruptFlag.get()).isTrue();
        try (var left = Files.list(dockerConfigParent)) {
            assertThat(left).isEmpty();
        }
        assertThat(ProcessHandle.current().descendants())
                .noneMatch(process -> process.info().command().orElse("").endsWith("/docker"));
        assertThat(awaitNoRunningContainer())
                .as("running containers after the abort")
                .isEmpty();
    }

    private void awaitLine(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!events.text().contains(text)) {
            assertThat(System.nanoTime()).as("'%s' in the build output", text).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The build's RUN container goes away once docker build is killed; dockerd needs a moment to notice. */
    private static String awaitNoRunningContainer() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String running;
        do {
            running = DockerDaemon.shared().dockerOutput(List.of("ps", "-q"));
            if (running.isEmpty()) {
                return running;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return running;
    }
}
