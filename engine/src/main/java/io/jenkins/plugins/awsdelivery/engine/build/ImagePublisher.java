package io.jenkins.plugins.awsdelivery.engine.build;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.spi.ProcessResult;
import io.jenkins.plugins.awsdelivery.engine.spi.ProcessRunner;
import io.jenkins.plugins.awsdelivery.engine.spi.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an image with the docker CLI and pushes it: log in to the target registry in a private
 * {@code DOCKER_CONFIG} (password on standard input), {@code docker build} with every tag, {@code docker push} of
 * each tag, then the digest read back from the registry. The private configuration is deleted afterwards, also when
 * a step fails. When the registry rejects the login in the middle of the push (an expired token), a fresh login is
 * fetched once, docker logs in again and the push of that tag is retried.
 *
 * <p>Every docker command is an argument list, never a shell string; its output goes line by line to the
 * {@link EventSink}. Build argument values are not echoed in the log.
 */
public final class ImagePublisher {
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(2);

    private final ProcessRunner processes;
    private final EventSink events;
    private final ManifestDigestReader digests = new ManifestDigestReader();
    private final Path temporaryDirectory;
    private final String docker;

    private ImagePublisher(ProcessRunner processes, EventSink events, Path temporaryDirectory, String docker) {
        this.processes = processes;
        this.events = events;
        this.temporaryDirectory = temporaryDirectory;
        this.docker = docker;
    }

    public static ImagePublisher create(ProcessRunner processes, EventSink events) {
        return new ImagePublisher(processes, events, null, "docker");
    }

    /** Where the private {@code DOCKER_CONFIG} directories are created; default: the system temporary directory. */
    public ImagePublisher withTemporaryDirectory(Path parent) {
        return new ImagePublisher(processes, events, parent, docker);
    }

    /** The docker CLI to run; default {@code docker} from the PATH. */
    public ImagePublisher withDockerCommand(String command) {
        return new ImagePublisher(processes, events, temporaryDirectory, command);
    }

    /**
     * Builds {@code build} and pushes every tag of it to {@code repository} ({@code registry/repository}, without
     * tag or digest), logging in with {@code logins} (anonymous when it supplies null).
     */
    public PushResult publish(ImageBuild build, ImageReference repository, RegistryLoginSource logins) {
        if (repository.tag().isPresent() || repository.digest().isPresent()) {
            throw new IllegalArgumentException("the target repository carries no tag or digest: " + repository);
        }
        String name = repository.name();
        Map<String, String> environment = new HashMap<>(build.dockerEnvironment());
        try (DockerConfigDirectory config =
                DockerConfigDirectory.create(temporaryDirectory, environment, repository.registry())) {
            environment.put("DOCKER_CONFIG", config.path().toString());
            RegistryLogin login = logins.current();
            if (login != null) {
                login(repository.registry(), login, environment);
            }
            Path imageIdFile = config.path().resolve("image-id");
            events.info("docker build " + build.context() + " for " + name + " with tags " + build.tags()
                    + (build.buildArgs().isEmpty()
                            ? ""
                            : " and build arguments " + build.buildArgs().keySet()));
            ProcessResult built = docker(build.buildArguments(name, imageIdFile), environment, build.timeout(), null);
            if (!built.succeeded()) {
                throw new DeliveryException("docker build of " + build.context() + " failed" + describe(built)
                        + "; see the build output above");
            }
            events.info("built image " + readImageId(imageIdFile));
            for (String tag : build.tags()) {
                login = pushTag(name + ":" + tag, repository.registry(), login, logins, environment, build);
            }
            ImageReference first = repository.withTag(build.tags().get(0));
            RegistryLoginSource current = currentThen(login, logins);
            Digest digest = digests.read(first, current);
            for (String tag : build.tags().subList(1, build.tags().size())) {
                Digest other = digests.read(repository.withTag(tag), current);
                if (!other.equals(digest)) {
                    throw new DeliveryException("after the push, " + repository.withTag(tag) + " is " + other
                            + " but " + first + " is " + digest + "; another push to the same tags ran at the same"
                            + " time");
                }
            }
            events.info("pushed " + name + "@" + digest + " as " + build.tags());
            return new PushResult(repository.registry(), repository.repository(), build.tags(), digest);
        }
    }

    private RegistryLogin pushTag(
            String image,
            String registry,
            RegistryLogin login,
            RegistryLoginSource logins,
            Map<String, String> environment,
            ImageBuild build) {
        events.info("docker push " + image);
        ProcessResult pushed = docker(List.of("push", image), environment, build.timeout(), null);
        if (pushed.succeeded()) {
            return login;
        }
        if (login != null && !pushed.timedOut() && !digests.accepts(registry, login)) {
            events.info("the registry no longer accepts the login to " + registry
                    + " (expired token); logging in again and retrying the push of " + image);
            login = logins.refreshed();
            login(registry, login, environment);
            pushed = docker(List.of("push", image), environment, build.timeout(), null);
            if (pushed.succeeded()) {
                return login;
            }
        }
        throw new DeliveryException("docker push of " + image + " failed" + describe(pushed)
                + "; see the push output above (a 'denied' line means the credentials lack push rights)");
    }

    private void login(String registry, RegistryLogin login, Map<String, String> environment) {
        events.info("docker login " + registry + " as " + login.username() + " (password on standard input)");
        ProcessResult result = docker(
                List.of("login", registry, "--username", login.username(), "--password-stdin"),
                environment,
                LOGIN_TIMEOUT,
                login.password().getBytes(StandardCharsets.UTF_8));
        if (!result.succeeded()) {
            throw new DeliveryException("docker login to " + registry + " as " + login.username() + " failed"
                    + describe(result) + "; check the credentials and that the registry is reachable");
        }
    }

    private ProcessResult docker(List<String> arguments, Map<String, String> environment, Duration timeout, byte[] in) {
        List<String> command = new ArrayList<>();
        command.add(docker);
        command.addAll(arguments);
        ProcessSpec spec = ProcessSpec.builder(command)
                .environment(environment)
                .standardInput(in)
                .timeout(timeout)
                .outputLines(events::info)
                .build();
        try {
            return processes.run(spec);
        } catch (IOException e) {
            throw new DeliveryException(
                    "cannot run '" + docker + " " + arguments.get(0) + "': " + e.getMessage()
                            + "; install the docker CLI on this machine or agent",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted during '" + docker + " " + arguments.get(0) + "'", e);
        }
    }

    private static RegistryLoginSource currentThen(RegistryLogin login, RegistryLoginSource logins) {
        return new RegistryLoginSource() {
            @Override
            public RegistryLogin current() {
                return login;
            }

            @Override
            public RegistryLogin refreshed() {
                return logins.refreshed();
            }
        };
    }

    private static String readImageId(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "(image id unknown)";
        }
    }

    private static String describe(ProcessResult result) {
        return result.timedOut()
                ? " (timed out after " + result.duration().toSeconds() + " s)"
                : " (exit code " + result.exitCode() + ")";
    }
}
