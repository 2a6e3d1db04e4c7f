package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.docker.ImageBuild;
import io.jenkins.plugins.awsdelivery.engine.docker.ImagePublisher;
import io.jenkins.plugins.awsdelivery.engine.docker.PushResult;
import io.jenkins.plugins.awsdelivery.engine.ecr.Ecr;
import io.jenkins.plugins.awsdelivery.engine.ecr.EcrPush;
import io.jenkins.plugins.awsdelivery.engine.ecr.EcrPushRequest;
import io.jenkins.plugins.awsdelivery.engine.ecr.Severity;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryTransport;
import io.jenkins.plugins.awsdelivery.engine.registry.TrustedCertificates;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code delivery push}: build an image with the docker CLI and push it to an ECR repository or any registry, then
 * print where it is by digest.
 */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = {
            "Build an image with the docker CLI and push every tag to an ECR repository (--ecr-repository) or any"
                    + " registry (--repository), then read the digest back from the registry.",
            "With --ecr-repository, AWS credentials come from the default chain (environment variables, profile,"
                    + " IRSA, Pod Identity, instance role); the registry login is an ECR authorization token, used"
                    + " in a temporary DOCKER_CONFIG that is deleted afterwards.",
            "--creds may also come from the environment variable DELIVERY_CREDS (USER:PASSWORD). The docker CLI"
                    + " inherits DOCKER_HOST and DOCKER_BUILDKIT from the environment."
        })
public final class PushCommand implements Callable<Integer> {
    static final String CREDENTIALS_VARIABLE = "DELIVERY_CREDS";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--context", required = true, paramLabel = "DIR", description = "the build context directory")
    Path context;

    @Option(
            names = "--dockerfile",
            paramLabel = "PATH",
            description = "the Dockerfile (default: Dockerfile in the context)")
    Path dockerfile;

    @Option(names = "--build-arg", paramLabel = "K=V", description = "a build argument; repeatable")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--label", paramLabel = "K=V", description = "an image label; repeatable")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "the build stage to build")
    String target;

    @Option(
            names = "--tag",
            required = true,
            paramLabel = "TAG",
            description = "a tag to push; repeatable, the first one is read back for the digest")
    List<String> tags = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    static final class Destination {
        @ArgGroup(exclusive = false)
        Generic generic;

        @ArgGroup(exclusive = false)
        EcrTarget ecr;
    }

    static final class Generic {
        @Option(
                names = "--repository",
                required = true,
                paramLabel = "HOST[:PORT]/REPO",
                description = "push to this repository of any registry")
        String repository;

        @Option(
                names = "--creds",
                paramLabel = "USER:PASSWORD",
                description = "registry credentials (default: $" + CREDENTIALS_VARIABLE + ", else anonymous)")
        String credentials;
    }

    static final class EcrTarget {
        @Option(
                names = "--ecr-repository",
                required = true,
                paramLabel = "NAME",
                description = "push to this ECR repository, e.g. team/app")
        String repository;

        @Option(
                names = "--registry-id",
                paramLabel = "ACCOUNT",
                description = "the account that owns the registry (default: the caller's)")
        String registryId;

        @Option(names = "--create-repository", description = "create the repository when it does not exist")
        boolean createRepository;

        @Option(
                names = "--scan-severity-threshold",
                paramLabel = "SEVERITY",
                description = "wait for the image scan and fail on findings at or above this severity"
                        + " (INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL)")
        String scanSeverityThreshold;

        @Option(
                names = "--allow-unscanned-image",
                description = "with --scan-severity-threshold: let an image that ECR cannot scan (UNSUPPORTED_IMAGE,"
                        + " FAILED, ...) pass with a warning instead of failing")
        boolean allowUnscannedImage;
    }

    @Mixin
    AwsOptions aws;

    @Option(
            names = "--insecure-registry",
            paramLabel = "HOST:PORT",
            description = "allow plain HTTP to this registry when reading the digest back (loopback registries always"
                    + " may); repeatable. docker itself follows the daemon's insecure-registries setting")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(
            names = "--ca-file",
            paramLabel = "PATH",
            description = "PEM certificate(s) to trust in addition to the JDK's authorities (private CA, self-signed)"
                    + " when reading the digest back; docker itself trusts what the daemon trusts (certs.d)")
    Path caFile;

    @Option(names = "--json", description = "print {registry, repository, tags, digest, imageUri} as JSON")
    boolean json;

    @Option(names = "--verbose", description = "print progress and the docker output on stderr")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EventSink events = verbose ? new StderrEvents(spec.commandLine().getErr()) : EventSink.discard();
        ImageBuild build = ImageBuild.builder()
                .context(context)
                .dockerfile(dockerfile)
                .buildArgs(buildArgs)
                .labels(labels)
                .target(target)
                .tags(tags)
                .build();
        RegistryTransport.Builder transport =
                RegistryTransport.builder().events(events).insecureRegistries(insecureRegistries);
        if (caFile != null) {
            transport.sslContext(TrustedCertificates.withPemFile("--ca-file", caFile));
        }
        try (RegistryTransport registryAccess = transport.build()) {
            ImagePublisher publisher =
                    ImagePublisher.create(new LocalProcessRunner(), events).withTransport(registryAccess);
            PushResult result = push(build, publisher, events);
            out.println(json ? Json.write(result.toMap()) : result.image().canonical());
            out.flush();
        }
        return 0;
    }

    private PushResult push(ImageBuild build, ImagePublisher publisher, EventSink events) {
        PushResult result;
        if (destination.ecr != null) {
            result = pushToEcr(build, publisher, events);
        } else {
            if (aws.anyGiven()) {
                throw new InvalidParameterException(
                        "--repository", "--region, --role-arn and --endpoint-url apply only with --ecr-repository");
            }
            ImageReference repository = ImageReference.parse("--repository", destination.generic.repository);
            if (repository.tag().isPresent() || repository.digest().isPresent()) {
                throw new InvalidParameterException(
                        "--repository", "name the repository without tag or digest; give tags with --tag");
            }
            result = publisher.publish(build, repository, logins(destination.generic.credentials));
        }
        return result;
    }

    private PushResult pushToEcr(ImageBuild build, ImagePublisher publisher, EventSink events) {
        EcrTarget options = destination.ecr;
        EcrPushRequest request = EcrPushRequest.builder()
                .repository(options.repository)
                .registryId(options.registryId)
                .createRepository(options.createRepository)
                .scanSeverityThreshold(
                        options.scanSeverityThreshold == null
                                ? null
                                : Severity.parse("--scan-severity-threshold", options.scanSeverityThreshold))
                .allowUnscannedImage(options.allowUnscannedImage)
                .build(build)
                .build();
        try (AwsConnection connection = aws.connection();
                Ecr ecr = Ecr.connect(connection, events)) {
            return new EcrPush(ecr, publisher, events).push(request);
        }
    }

    private static RegistryCredentialProvider logins(String option) {
        return GivenCredentials.of("--creds", option, CREDENTIALS_VARIABLE)
                .orElse(RegistryCredentialProvider.anonymous());
    }
}
