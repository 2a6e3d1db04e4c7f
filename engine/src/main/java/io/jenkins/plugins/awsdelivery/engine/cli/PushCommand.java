package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import io.jenkins.plugins.awsdelivery.engine.api.PushRequest;
import io.jenkins.plugins.awsdelivery.engine.api.PushResult;
import io.jenkins.plugins.awsdelivery.engine.api.RegistryAccess;
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
        DeliveryContext context = CommandContext.of(spec, verbose);
        PushRequest.Builder request = PushRequest.builder()
                .context(this.context.toString())
                .dockerfile(dockerfile == null ? null : dockerfile.toString())
                .buildArgs(buildArgs)
                .labels(labels)
                .target(target)
                .tags(tags)
                .access(RegistryAccess.of(caFile == null ? null : caFile.toString(), insecureRegistries))
                .names(NAMES);
        if (destination.ecr != null) {
            EcrTarget ecr = destination.ecr;
            request.ecrRepository(ecr.repository)
                    .registryId(ecr.registryId)
                    .createRepository(ecr.createRepository)
                    .scanSeverityThreshold(ecr.scanSeverityThreshold)
                    .scanFailureIsWarning(ecr.allowUnscannedImage)
                    .aws(aws.settings());
        } else {
            if (aws.anyGiven()) {
                throw new InvalidParameterException(
                        "--repository", "--region, --role-arn and --endpoint-url apply only with --ecr-repository");
            }
            request.repository(destination.generic.repository);
            GivenCredentials.of("--creds", destination.generic.credentials, CREDENTIALS_VARIABLE, context.environment())
                    .ifPresent(request::login);
        }
        PushResult result = Delivery.push(context, request.build());
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.write(result.toMap()) : result.imageUri());
        out.flush();
        return 0;
    }

    private static final ParameterNames NAMES = ParameterNames.of(AwsOptions.namesWith(Map.of(
            "context", "--context",
            "dockerfile", "--dockerfile",
            "tags", "--tag",
            "repository", "--repository",
            "ecrRepository", "--ecr-repository",
            "registryId", "--registry-id",
            "createRepository", "--create-repository",
            "scanSeverityThreshold", "--scan-severity-threshold",
            "caFile", "--ca-file",
            "insecureRegistries", "--insecure-registry")));
}
