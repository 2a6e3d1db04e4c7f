package io.jenkins.plugins.awsdelivery.engine.build;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryClient;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredential;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryTransport;
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
import java.util.concurrent.atomic.AtomicReference;

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
    private final RegistryLoginCheck loginCheck = new RegistryLoginCheck();
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
     * tag or digest), logging in with {@code logins} (none when its credential is anonymous).
     */
    public PushResult publish(ImageBuild build, ImageReference repository, RegistryCredentialProvider logins) {
        if (repository.tag().isPresent() || repository.digest().isPresent()) {
            throw new IllegalArgumentException("the target repository carries no tag or digest: " + repository);
        }
        String name = repository.name();
        Map<String, String> environment = new HashMap<>(build.dockerEnvironment());
        try (DockerConfigDirectory config =
                DockerConfigDirectory.create(temporaryDirectory, environment, repository.registry())) {
            environment.put("DOCKER_CONFIG", config.path().toString());
            RegistryCredential login = logins.credential();
            if (!login.isAnonymous()) {
                login(repository.registry(), login, environment);
            }
            Path imageIdFile = config.path().resolve("image-id");
            events.info("docker build " + build.context() + " for " + name + " with tags " + build.tags()
                    + (build.buildArgs().isEmpty()
                            ? ""
                            : " and build arguments " + build.buildArgs().keySet()));
            Run built = docker(build.buildArguments(name, imageIdFile), environment, build.timeout(), null);
            if (!built.succeeded()) {
                throw new DeliveryException("docker build of " + build.context() + " failed" + describe(built)
                        + "; see the build output above");
            }
            events.info("built image " + readImageId(imageIdFile));
            for (String tag : build.tags()) {
                login = pushTag(name + ":" + tag, repository.registry(), login, logins, environment, build);
            }
            Digest digest = readBack(repository, build.tags(), currentThen(login, logins));
            events.info("pushed " + name + "@" + digest + " as " + build.tags());
            return new PushResult(repository.registry(), repository.repository(), build.tags(), digest);
        }
    }

    /**
     * Pushes one tag. Before it, the login is brought up to date: a token the source renewed (close to expiry) or one
     * the registry no longer accepts is replaced and docker logs in again, because dockerd retries a rejected upload
     * for over a minute before it gives up. If the push still fails and the registry now rejects the login, a fresh
     * one is fetched once and the push retried.
     */
    private RegistryCredential pushTag(
            String image,
            String registry,
            RegistryCredential login,
            RegistryCredentialProvider logins,
            Map<String, String> environment,
            ImageBuild build) {
        if (!login.isAnonymous()) {
            RegistryCredential current = logins.credential();
            if (!current.equals(login)) {
                events.info("the login to " + registry + " was renewed; logging in again");
                login = current;
                login(registry, login, environment);
            }
            if (logins.refreshable() && !loginCheck.accepts(registry, login)) {
                login = relogin(registry, logins, environment, "before pushing " + image);
            }
        }
        events.info("docker push " + image);
        Run pushed = docker(List.of("push", image), environment, build.timeout(), null);
        if (pushed.succeeded()) {
            return login;
        }
        if (!login.isAnonymous()
                && logins.refreshable()
                && !pushed.timedOut()
                && !loginCheck.accepts(registry, login)) {
            login = relogin(registry, logins, environment, "and retrying the push of " + image);
            pushed = docker(List.of("push", image), environment, build.timeout(), null);
            if (pushed.succeeded()) {
                return login;
            }
        }
        throw new DeliveryException("docker push of " + image + " failed" + describe(pushed)
                + "; see the push output above (a 'denied' line means the credentials lack push rights)");
    }

    private RegistryCredential relogin(
            String registry, RegistryCredentialProvider logins, Map<String, String> environment, String why) {
        events.info(
                "the registry " + registry + " no longer accepts the login (expired token); logging in again " + why);
        RegistryCredential fresh = logins.refreshedCredential();
        login(registry, fresh, environment);
        return fresh;
    }

    private void login(String registry, RegistryCredential login, Map<String, String> environment) {
        events.info("docker login " + registry + " as " + login.username() + " (password on standard input)");
        Run result = docker(
                List.of("login", registry, "--username", login.username(), "--password-stdin"),
                environment,
                LOGIN_TIMEOUT,
                login.password().getBytes(StandardCharsets.UTF_8));
        if (!result.succeeded()) {
            throw new DeliveryException("docker login to " + registry + " as " + login.username() + " failed"
                    + describe(result) + "; check the credentials and that the registry is reachable");
        }
    }

    private Run docker(List<String> arguments, Map<String, String> environment, Duration timeout, byte[] in) {
        AtomicReference<String> lastLine = new AtomicReference<>("");
        List<String> command = new ArrayList<>();
        command.add(docker);
        command.addAll(arguments);
        ProcessSpec spec = ProcessSpec.builder(command)
                .environment(environment)
                .standardInput(in)
                .timeout(timeout)
                .outputLines(line -> {
                    events.info(line);
                    if (!line.isBlank()) {
                        lastLine.set(line.strip());
                    }
                })
                .build();
        try {
            return new Run(processes.run(spec), lastLine.get());
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

    /**
     * The digest of the pushed tags as the registry reports it ({@code HEAD} of each tag through the registry
     * client); all tags must name the same digest.
     */
    private Digest readBack(ImageReference repository, List<String> tags, RegistryCredentialProvider logins) {
        try (RegistryTransport transport =
                RegistryTransport.builder().events(events).build()) {
            RegistryClient client = RegistryClient.forPull(transport, repository, logins);
            Digest digest = null;
            for (String tag : tags) {
                ImageReference image = repository.withTag(tag);
                Digest tagged = client.manifestDigest(tag)
                        .orElseThrow(() -> new DeliveryException("reading the digest of " + image
                                + " back from the registry: the pushed tag is not there"));
                if (digest != null && !tagged.equals(digest)) {
                    throw new DeliveryException("after the push, " + image + " is " + tagged + " but "
                            + repository.withTag(tags.get(0)) + " is " + digest
                            + "; another push to the same tags ran at the same time");
                }
                digest = tagged;
            }
            return digest;
        }
    }

    /** The login the pushes ended with first, then the source's refreshes. */
    private static RegistryCredentialProvider currentThen(RegistryCredential login, RegistryCredentialProvider logins) {
        return new RegistryCredentialProvider() {
            @Override
            public RegistryCredential credential() {
                return login;
            }

            @Override
            public RegistryCredential refreshedCredential() {
                return logins.refreshedCredential();
            }

            @Override
            public boolean refreshable() {
                return logins.refreshable();
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

    /** A finished docker command and the last line it printed (docker's own error message when it failed). */
    private record Run(ProcessResult result, String lastLine) {
        boolean succeeded() {
            return result.succeeded();
        }

        boolean timedOut() {
            return result.timedOut();
        }
    }

    private static String describe(Run run) {
        ProcessResult result = run.result();
        return (result.timedOut()
                        ? " (timed out after " + result.duration().toSeconds() + " s)"
                        : " (exit code " + result.exitCode() + ")")
                + (run.lastLine().isEmpty() ? "" : ": " + run.lastLine());
    }
}
