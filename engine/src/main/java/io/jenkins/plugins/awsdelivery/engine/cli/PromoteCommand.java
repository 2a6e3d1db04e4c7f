package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import io.jenkins.plugins.awsdelivery.engine.api.PromoteRequest;
import io.jenkins.plugins.awsdelivery.engine.api.PromoteResult;
import io.jenkins.plugins.awsdelivery.engine.api.RegistryAccess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code delivery promote SOURCE DESTINATION}: copy an image (or index) between registries keeping its digest. */
@Command(
        name = "promote",
        description = {
            "Copy SOURCE to DESTINATION keeping the digest: the manifest or index with every child, their config"
                    + " and layers. Existing blobs are skipped, blobs on the same registry are mounted, others"
                    + " streamed. The destination tag is written last, so a failure leaves it where it was.",
            "Credentials may also come from the environment variables DELIVERY_SRC_CREDS and DELIVERY_DEST_CREDS"
                    + " (USER:PASSWORD), which keeps them out of the process list.",
            "An ECR registry (ACCOUNT.dkr.ecr.REGION.amazonaws.com) without credentials is logged in to with an"
                    + " ECR authorization token from its own region, using the AWS default credential chain and,"
                    + " when given, the side's role (--src-role-arn, --dest-role-arn, else --role-arn)."
        },
        mixinStandardHelpOptions = true)
public final class PromoteCommand implements Callable<Integer> {
    static final String SOURCE_CREDENTIALS_VARIABLE = "DELIVERY_SRC_CREDS";
    static final String DESTINATION_CREDENTIALS_VARIABLE = "DELIVERY_DEST_CREDS";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "image to copy: HOST[:PORT]/REPO[:TAG][@DIGEST]")
    String source;

    @Parameters(
            index = "1",
            paramLabel = "DESTINATION",
            description = "where to copy it: HOST[:PORT]/REPO[:TAG]; without a tag the source's tag is used")
    String destination;

    @Option(
            names = "--src-creds",
            paramLabel = "USER:PASSWORD",
            description = "credentials for the source registry (default: $" + SOURCE_CREDENTIALS_VARIABLE
                    + ", else anonymous)")
    String sourceCredentials;

    @Option(
            names = "--dest-creds",
            paramLabel = "USER:PASSWORD",
            description = "credentials for the destination registry (default: $" + DESTINATION_CREDENTIALS_VARIABLE
                    + ", else anonymous)")
    String destinationCredentials;

    @Option(
            names = "--src-ecr",
            description = "log in to the source registry with an ECR authorization token even though its host is not"
                    + " an ECR host (an emulator, a pull-through proxy); region from --region")
    boolean sourceEcr;

    @Option(names = "--dest-ecr", description = "the same for the destination registry")
    boolean destinationEcr;

    @Option(
            names = "--src-role-arn",
            paramLabel = "ARN",
            description = "IAM role for the source's ECR token (another account); default --role-arn")
    String sourceRoleArn;

    @Option(
            names = "--dest-role-arn",
            paramLabel = "ARN",
            description = "IAM role for the destination's ECR token (another account); default --role-arn")
    String destinationRoleArn;

    @CommandLine.Mixin
    AwsOptions aws = new AwsOptions();

    @Option(
            names = "--insecure-registry",
            paramLabel = "HOST:PORT",
            description = "allow plain HTTP to this registry (loopback registries always may); repeatable")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(
            names = "--ca-file",
            paramLabel = "PATH",
            description = "PEM certificate(s) to trust in addition to the JDK's authorities (private CA, self-signed)")
    Path caFile;

    @Option(names = "--no-clobber", description = "refuse when the destination tag points at another digest")
    boolean noClobber;

    @Option(names = "--dry-run", description = "only report what would be copied, mounted and skipped")
    boolean dryRun;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "4",
            description = "blobs copied at the same time (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
            names = "--referrers",
            paramLabel = "all|none|TYPE",
            split = ",",
            description = "signatures, SBOMs and attestations that refer to the image and travel with it: all"
                    + " (default), none, or artifact types such as application/spdx+json (repeatable or"
                    + " comma-separated)")
    List<String> referrers = new ArrayList<>();

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = "--verbose", description = "print progress on stderr")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DeliveryContext context = CommandContext.of(spec, verbose);
        Map<String, String> environment = context.environment();
        PromoteRequest.Builder request = PromoteRequest.builder()
                .source(source)
                .destination(destination)
                .sourceAws(side(sourceRoleArn))
                .destinationAws(side(destinationRoleArn))
                .sourceEcr(sourceEcr)
                .destinationEcr(destinationEcr)
                .access(RegistryAccess.of(caFile == null ? null : caFile.toString(), insecureRegistries))
                .noClobber(noClobber)
                .dryRun(dryRun)
                .parallelism(parallelism)
                .referrers(referrers)
                .names(NAMES);
        GivenCredentials.of("--src-creds", sourceCredentials, SOURCE_CREDENTIALS_VARIABLE, environment)
                .ifPresent(request::sourceLogin);
        GivenCredentials.of("--dest-creds", destinationCredentials, DESTINATION_CREDENTIALS_VARIABLE, environment)
                .ifPresent(request::destinationLogin);
        PromoteResult result = Delivery.promote(context, request.build());
        if (json) {
            out.println(Json.write(result.toMap()));
        } else {
            out.println((dryRun ? "would promote " : "promoted ") + result.source() + " to " + result.destination()
                    + ": " + result.manifests() + " manifest(s); blobs copied " + result.blobsCopied() + " ("
                    + result.bytesCopied() + " bytes), mounted " + result.blobsMounted() + ", skipped "
                    + result.blobsSkipped() + "; referrers "
                    + result.referrers().size());
        }
        out.flush();
        return 0;
    }

    /** The AWS options, with a side's own role (--src-role-arn, --dest-role-arn) instead of --role-arn when given. */
    private AwsSettings side(String sideRoleArn) {
        AwsSettings settings = aws.settings();
        return sideRoleArn == null
                ? settings
                : settings.toBuilder().roleArn(sideRoleArn).build();
    }

    private static final ParameterNames NAMES = ParameterNames.of(AwsOptions.namesWith(Map.of(
            "source", "SOURCE",
            "destination", "DESTINATION",
            "caFile", "--ca-file",
            "insecureRegistries", "--insecure-registry",
            "parallelism", "--parallelism",
            "noClobber", "--no-clobber",
            "referrers", "--referrers")));
}
