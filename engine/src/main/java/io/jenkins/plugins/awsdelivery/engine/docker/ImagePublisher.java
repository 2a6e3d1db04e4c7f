package io.jenkins.plugins.awsdelivery.engine.docker;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
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
 * a step fails or the calling thread is interrupted. When the registry rejects the login in the middle of the push (an
 * expired token), a fresh login is fetched once, docker logs in again and the push of that tag is retried.
 *
 * <p>Everything the engine itself asks the registry (the read-back, login checks, existing immutable tags) goes
 * through the {@link RegistryTransport} given with {@link #withTransport}: the same trust (extra CA certificates),
 * insecure registries and timeouts as every other registry call of the operation. docker itself trusts what the
 * daemon trusts ({@code certs.d}, {@code insecure-registries}).
 *
 * <p>Every docker command is an argument list, never a shell string, with absolute paths; its output goes line by
 * line to the {@link EventSink}. Build argument values are not echoed in the log. An interrupted calling thread (an
 * aborted build) kills the docker command, deletes the private configuration and ends in
 * {@link OperationAbortedException}.
 */
public final class ImagePublisher {
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(2);
    /** The docker CLI, from the PATH. */
    private static final String DOCKER = "docker";

    /** Whether the target repository lets a push move an existing tag. */
    public enum Tags {
        /** Tags are pushed over whatever they held. */
        MUTABLE,
        /**
         * A tag cannot be moved (an IMMUTABLE ECR repository): an existing tag that holds the image just built (same
         * config digest) is kept and not pushed again; one that holds another image fails the push before it starts.
         */
        IMMUTABLE
    }

    private final ProcessRunner processes;
    private final EventSink events;
    private final Path temporaryDirectory;
    private final RegistryTransport transport;
    private final Map<String, String> callerEnvironment;

    private ImagePublisher(
            ProcessRunner processes,
            EventSink events,
            Path temporaryDirectory,
            RegistryTransport transport,
            Map<String, String> callerEnvironment) {
        this.processes = processes;
        this.events = events;
        this.temporaryDirectory = temporaryDirectory;
        this.transport = transport;
        this.callerEnvironment = Map.copyOf(callerEnvironment);
    }

    public static ImagePublisher create(ProcessRunner processes, EventSink events) {
        return new ImagePublisher(processes, events, null, null, Map.of());
    }

    /** Where the private {@code DOCKER_CONFIG} directories are created; default: the system temporary directory. */
    public ImagePublisher withTemporaryDirectory(Path parent) {
        return new ImagePublisher(processes, events, parent, transport, callerEnvironment);
    }

    /**
     * The caller's environment (a build's), where the user's own {@code DOCKER_CONFIG} or {@code HOME} is found: its
     * settings (proxies, other registries' logins) are copied into the private {@code DOCKER_CONFIG} of each push.
     * Default: none, so no user configuration is copied.
     */
    public ImagePublisher withEnvironment(Map<String, String> environment) {
        return new ImagePublisher(processes, events, temporaryDirectory, transport, environment);
    }

    /**
     * How the engine reaches the registry (trust, insecure registries, timeouts), shared with the operation's other
     * registry calls; the caller closes it. Default: a transport of its own per push, verified TLS with the JDK's
     * authorities, plain HTTP for loopback registries only.
     */
    public ImagePublisher withTransport(RegistryTransport registryTransport) {
        return new ImagePublisher(processes, events, temporaryDirectory, registryTransport, callerEnvironment);
    }

    /** {@link #publish(ImageBuild, ImageReference, RegistryCredentialProvider, Tags)} with mutable tags. */
    public PushResult publish(ImageBuild build, ImageReference repository, RegistryCredentialProvider logins) {
        return publish(build, repository, logins, Tags.MUTABLE);
    }

    /**
     * Builds {@code build} and pushes every tag of it to {@code repository} ({@code registry/repository}, without
     * tag or digest), logging in with {@code logins} (none when its credential is anonymous).
     *
     * @throws OperationAbortedException when the calling thread was interrupted (the interrupt flag stays set)
     */
    public PushResult publish(
            ImageBuild build, ImageReference repository, RegistryCredentialProvider logins, Tags tags) {
        if (repository.tag().isPresent() || repository.digest().isPresent()) {
            throw new IllegalArgumentException("the target repository carries no tag or digest: " + repository);
        }
        RegistryTransport ownTransport =
                transport == null ? RegistryTransport.builder().events(events).build() : null;
        try {
            return new Run(build, repository, logins, ownTransport == null ? transport : ownTransport).publish(tags);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() && !(e instanceof OperationAbortedException)) {
                throw new OperationAbortedException("push of " + repository.name(), e);
            }
            throw e;
        } finally {
            if (ownTransport != null) {
                ownTransport.close();
            }
        }
    }

    /** One build and push: its docker environment, the login it holds and the registry it reads back from. */
    private final class Run {
        private final ImageBuild build;
        private final ImageReference repository;
        private final RegistryCredentialProvider logins;
        private final RegistryTransport transport;
        private final RegistryLoginCheck loginCheck;
        private final Map<String, String> environment;
        private RegistryCredential login;

        Run(
                ImageBuild build,
                ImageReference repository,
                RegistryCredentialProvider logins,
                RegistryTransport transport) {
            this.build = build;
            this.repository = repository;
            this.logins = logins;
            this.transport = transport;
            this.loginCheck = new RegistryLoginCheck(transport);
            this.environment = new HashMap<>(build.dockerEnvironment());
        }

        /** The caller's environment with the build's docker settings over it. */
        private Map<String, String> userEnvironment() {
            Map<String, String> merged = new HashMap<>(callerEnvironment);
            merged.putAll(environment);
            return merged;
        }

        PushResult publish(Tags tags) {
            String name = repository.name();
            try (DockerConfigDirectory config =
                    DockerConfigDirectory.create(temporaryDirectory, userEnvironment(), repository.registry())) {
                environment.put("DOCKER_CONFIG", config.path().toString());
                login = logins.credential();
                if (!login.isAnonymous()) {
                    login(login);
                }
                Path imageIdFile = config.path().resolve("image-id");
                events.info("docker build " + build.context().toAbsolutePath() + " for " + name + " with tags "
                        + build.tags()
                        + (build.buildArgs().isEmpty()
                                ? ""
                                : " and build arguments " + build.buildArgs().keySet()));
                Docker built = docker(build.buildArguments(name, imageIdFile), build.timeout(), null);
                if (!built.succeeded()) {
                    throw new DeliveryException("docker build of " + build.context() + " failed" + describe(built)
                            + "; see the build output above");
                }
                Digest imageId = readImageId(imageIdFile);
                events.info("built image " + imageId);
                List<String> toPush = new ArrayList<>(build.tags());
                if (tags == Tags.IMMUTABLE) {
                    toPush = pushOrKeepImmutable(imageId);
                }
                for (String tag : toPush) {
                    pushTag(tag);
                }
                Digest digest = readBack(build.tags());
                events.info("pushed " + name + "@" + digest + " as " + build.tags());
                return new PushResult(repository.registry(), repository.repository(), build.tags(), digest);
            }
        }

        /**
         * Keeps the tags that already hold the image and writes its existing manifest under the others (its blobs
         * are in the repository already); returns the tags still to push with docker, all of them when none exists.
         */
        private List<String> pushOrKeepImmutable(Digest imageId) {
            RegistryClient client =
                    RegistryClient.forPush(transport, repository, currentThen(login, logins), List.of());
            ImmutableTags existing = ImmutableTags.check(client, repository, build.tags(), imageId);
            if (existing.manifest().isEmpty()) {
                return build.tags();
            }
            events.info("the immutable tag(s) " + existing.existing() + " of " + repository.name()
                    + " already hold image " + imageId + " as "
                    + existing.manifest().get().digest()
                    + "; not pushing it again");
            for (String tag : build.tags()) {
                if (!existing.existing().contains(tag)) {
                    events.info("tagging " + repository.name() + "@"
                            + existing.manifest().get().digest() + " as " + tag);
                    client.pushManifest(existing.manifest().get(), tag);
                }
            }
            return List.of();
        }

        /**
         * Pushes one tag. Before it, the login is brought up to date: a token the source renewed (close to expiry) or
         * one the registry no longer accepts is replaced and docker logs in again, because dockerd retries a rejected
         * upload for over a minute before it gives up. If the push still fails and the registry now rejects the login,
         * a fresh one is fetched once and the push retried.
         */
        private void pushTag(String tag) {
            ImageReference image = repository.withTag(tag);
            if (!login.isAnonymous()) {
                RegistryCredential current = logins.credential();
                if (!current.equals(login)) {
                    events.info("the login to " + repository.registry() + " was renewed; logging in again");
                    login = current;
                    login(login);
                }
                if (logins.refreshable() && !loginCheck.accepts(image, login)) {
                    relogin("before pushing " + image.name() + ":" + tag);
                }
            }
            String target = repository.name() + ":" + tag;
            events.info("docker push " + target);
            Docker pushed = docker(List.of("push", target), build.timeout(), null);
            if (pushed.succeeded()) {
                return;
            }
            if (!login.isAnonymous()
                    && logins.refreshable()
                    && !pushed.timedOut()
                    && !loginCheck.accepts(image, login)) {
                relogin("and retrying the push of " + target);
                pushed = docker(List.of("push", target), build.timeout(), null);
                if (pushed.succeeded()) {
                    return;
                }
            }
            throw new DeliveryException("docker push of " + target + " failed" + describe(pushed)
                    + "; see the push output above (a 'denied' line means the credentials lack push rights)");
        }

        private void relogin(String why) {
            events.info("the registry " + repository.registry()
                    + " no longer accepts the login (expired token); logging in again " + why);
            login = logins.refreshedCredential();
            login(login);
        }

        private void login(RegistryCredential credential) {
            String registry = repository.registry();
            events.info("docker login " + registry + " as " + credential.username() + " (password on standard input)");
            Docker result = docker(
                    List.of("login", registry, "--username", credential.username(), "--password-stdin"),
                    LOGIN_TIMEOUT,
                    credential.password().getBytes(StandardCharsets.UTF_8));
            if (!result.succeeded()) {
                throw new DeliveryException("docker login to " + registry + " as " + credential.username() + " failed"
                        + describe(result) + "; check the credentials and that the registry is reachable");
            }
        }

        private Docker docker(List<String> arguments, Duration timeout, byte[] in) {
            AtomicReference<String> lastLine = new AtomicReference<>("");
            List<String> command = new ArrayList<>();
            command.add(DOCKER);
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
                return new Docker(processes.run(spec), lastLine.get());
            } catch (IOException e) {
                throw new DeliveryException(
                        "cannot run '" + DOCKER + " " + arguments.get(0) + "': " + e.getMessage()
                                + "; install the docker CLI on this machine or agent",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationAbortedException(
                        "push of " + repository.name() + ": '" + DOCKER + " " + arguments.get(0) + "' was stopped", e);
            }
        }

        /**
         * The digest of the pushed tags as the registry reports it ({@code HEAD} of each tag through the registry
         * client); all tags must name the same digest.
         */
        private Digest readBack(List<String> tags) {
            RegistryClient client = RegistryClient.forPull(transport, repository, currentThen(login, logins));
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

    private static Digest readImageId(Path file) {
        try {
            return Digest.parse("--iidfile", Files.readString(file).strip());
        } catch (IOException e) {
            throw new DeliveryException("docker build wrote no image ID to " + file + ": " + e.getMessage(), e);
        }
    }

    /** A finished docker command and the last line it printed (docker's own error message when it failed). */
    private record Docker(ProcessResult result, String lastLine) {
        boolean succeeded() {
            return result.succeeded();
        }

        boolean timedOut() {
            return result.timedOut();
        }
    }

    private static String describe(Docker run) {
        ProcessResult result = run.result();
        return (result.timedOut()
                        ? " (timed out after " + result.duration().toSeconds() + " s)"
                        : " (exit code " + result.exitCode() + ")")
                + (run.lastLine().isEmpty() ? "" : ": " + run.lastLine());
    }
}
