package io.jenkins.plugins.awsdelivery.engine.api;

import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.cloudformation.StackDeployRequest;
import io.jenkins.plugins.awsdelivery.engine.cloudformation.StackDeployer;
import io.jenkins.plugins.awsdelivery.engine.docker.ImageBuild;
import io.jenkins.plugins.awsdelivery.engine.docker.ImagePublisher;
import io.jenkins.plugins.awsdelivery.engine.ecr.Ecr;
import io.jenkins.plugins.awsdelivery.engine.ecr.EcrLogins;
import io.jenkins.plugins.awsdelivery.engine.ecr.EcrPush;
import io.jenkins.plugins.awsdelivery.engine.ecr.EcrPushRequest;
import io.jenkins.plugins.awsdelivery.engine.ecr.Severity;
import io.jenkins.plugins.awsdelivery.engine.ecs.EcsDeployer;
import io.jenkins.plugins.awsdelivery.engine.kube.ClusterConnection;
import io.jenkins.plugins.awsdelivery.engine.kube.Deployer;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksCluster;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksKubeconfigFile;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksToken;
import io.jenkins.plugins.awsdelivery.engine.kube.eks.EksTokenGenerator;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ImagePins;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ManifestLoader;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ManifestRenderer;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.RenderedManifest;
import io.jenkins.plugins.awsdelivery.engine.promote.Promoter;
import io.jenkins.plugins.awsdelivery.engine.promote.ReferrerSelection;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredential;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryTransport;
import io.jenkins.plugins.awsdelivery.engine.registry.TrustedCertificates;
import io.jenkins.plugins.awsdelivery.engine.selenium.HtmlReport;
import io.jenkins.plugins.awsdelivery.engine.selenium.JunitParser;
import io.jenkins.plugins.awsdelivery.engine.selenium.JunitResults;
import io.jenkins.plugins.awsdelivery.engine.selenium.ReportFiles;
import io.jenkins.plugins.awsdelivery.engine.selenium.ScreenshotIndex;
import io.jenkins.plugins.awsdelivery.engine.selenium.SuiteRunner;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The one entry per operation. Each composes what the operation needs from its request and the context, runs it, and
 * closes everything it opened (AWS clients, registry connections, Kubernetes clients, browsers) before it returns or
 * throws; no thread it started is left running.
 */
public final class Delivery {
    /** An endpoint for every AWS call when the settings name none, as with the aws CLI (emulators, tests). */
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

    private Delivery() {}

    /** Builds with docker, pushes every tag, reads the digest back from the registry. */
    public static PushResult push(DeliveryContext context, PushRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            ImageBuild build = ImageBuild.builder()
                    .context(context.resolve(request.context()))
                    .dockerfile(request.dockerfile().map(context::resolve).orElse(null))
                    .buildArgs(request.buildArgs())
                    .labels(request.labels())
                    .target(request.target().orElse(null))
                    .tags(request.tags())
                    .build();
            try (RegistryTransport transport = transport(context, request.access(), names)) {
                ImagePublisher publisher = ImagePublisher.create(context.processes(), context.events())
                        .withTransport(transport)
                        .withEnvironment(context.environment());
                if (request.ecrRepository().isPresent()) {
                    EcrPushRequest ecrRequest = ecrPushRequest(request, build, names);
                    try (AwsConnection aws = aws(context, request.aws(), names);
                            Ecr ecr = Ecr.connect(aws, context.events())) {
                        return new PushResult(new EcrPush(ecr, publisher, context.events())
                                .push(ecrRequest)
                                .toMap());
                    }
                }
                ImageReference repository = ImageReference.parse(
                        names.of("repository"), request.repository().get());
                if (repository.tag().isPresent() || repository.digest().isPresent()) {
                    throw new InvalidParameterException(
                            names.of("repository"), "name the repository without tag or digest; give the tags apart");
                }
                return new PushResult(publisher
                        .publish(build, repository, login(request.login()))
                        .toMap());
            }
        });
    }

    private static EcrPushRequest ecrPushRequest(PushRequest request, ImageBuild build, ParameterNames names) {
        return EcrPushRequest.builder()
                .repository(request.ecrRepository().get())
                .registryId(request.registryId().orElse(null))
                .createRepository(request.createRepository())
                .allowUnscannedImage(request.scanFailureIsWarning())
                .scanSeverityThreshold(request.scanSeverityThreshold()
                        .map(s -> Severity.parse(names.of("scanSeverityThreshold"), s))
                        .orElse(null))
                .build(build)
                .build();
    }

    private static RegistryTransport transport(DeliveryContext context, RegistryAccess access, ParameterNames names) {
        RegistryTransport.Builder transport =
                RegistryTransport.builder().events(context.events()).insecureRegistries(access.insecureRegistries());
        trust(context, access, names).ifPresent(transport::sslContext);
        return transport.build();
    }

    /** The JDK's authorities plus the request's CA file, when it names one. */
    private static Optional<SSLContext> trust(DeliveryContext context, RegistryAccess access, ParameterNames names) {
        return access.caFile().map(file -> TrustedCertificates.withPemFile(names.of("caFile"), context.resolve(file)));
    }

    /** Server-side apply, then an honest wait for every rollout; rolls back on failure when asked. */
    public static DeployResult deploy(DeliveryContext context, DeployRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            try (Connections connections = new Connections(context, names)) {
                ClusterConnection cluster;
                if (request.cluster().isPresent()) {
                    cluster = ClusterConnection.eks(request.cluster().get(), connections.open(request.aws()));
                } else if (request.kubeconfig().isPresent()) {
                    cluster = ClusterConnection.kubeconfig(
                            context.resolve(request.kubeconfig().get()));
                } else {
                    cluster = kubeconfigFromEnvironment(context, names);
                }
                io.jenkins.plugins.awsdelivery.engine.kube.DeployRequest deploy =
                        io.jenkins.plugins.awsdelivery.engine.kube.DeployRequest.builder()
                                .connection(cluster)
                                .namespace(request.namespace())
                                .manifests(request.manifests())
                                .baseDirectory(context.workingDirectory())
                                .images(ImagePins.of(request.images()))
                                .timeout(request.timeout())
                                .gracePeriod(request.gracePeriod())
                                .rollbackOnFailure(request.rollbackOnFailure())
                                .dryRun(request.dryRun())
                                .followSymlinks(request.followSymlinks())
                                .build();
                return new DeployResult(
                        new Deployer(context.events()).deploy(deploy).toMap());
            }
        });
    }

    /** Runs the suite, counts the reports it wrote, writes the HTML report. */
    public static SuiteResult suite(DeliveryContext context, SuiteRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            io.jenkins.plugins.awsdelivery.engine.selenium.SuiteRequest.Builder suite =
                    io.jenkins.plugins.awsdelivery.engine.selenium.SuiteRequest.builder()
                            .workingDirectory(context.workingDirectory())
                            .reports(request.reports())
                            .screenshots(request.screenshots())
                            .environment(request.environment())
                            .timeout(request.timeout())
                            .managedBrowser(request.managedBrowser())
                            .failOnFailures(request.failOnFailures());
            if (request.command().isPresent()) {
                suite.shellCommand(request.command().get());
            } else {
                suite.command(request.commandArguments());
            }
            request.baseUrl().ifPresent(suite::baseUrl);
            request.browser().ifPresent(suite::browser);
            request.seleniumRemoteUrl().ifPresent(suite::seleniumRemoteUrl);
            request.reportDirectory().map(Path::of).ifPresent(suite::reportDirectory);
            io.jenkins.plugins.awsdelivery.engine.selenium.SuiteResult ran =
                    new SuiteRunner(context.processes(), context.events()).run(suite.build());
            Map<String, Object> values = ran.toMap();
            if (ran.buildFailed()) {
                throw new DeliveryFailedException("suite " + ran.verdict(), values);
            }
            return new SuiteResult(values);
        });
    }

    /** Parses and normalises an image reference as Docker does; no network. */
    public static RefResult ref(DeliveryContext context, RefRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            ImageReference parsed = ImageReference.parse(names.of("reference"), request.reference());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("registry", parsed.registry());
            values.put("repository", parsed.repository());
            values.put("tag", parsed.tag().orElse(null));
            values.put("digest", parsed.digest().map(Object::toString).orElse(null));
            values.put("canonical", parsed.canonical());
            return new RefResult(values);
        });
    }

    /** Pins images in manifests and returns them as multi-document YAML; no cluster. */
    public static RenderResult render(DeliveryContext context, RenderRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            List<RenderedManifest> rendered = ManifestRenderer.render(
                    ManifestLoader.load(request.manifests(), context.workingDirectory()),
                    ImagePins.of(request.images()),
                    request.namespace().orElse(null));
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < rendered.size(); i++) {
                if (i > 0) {
                    yaml.append("---\n");
                }
                yaml.append(rendered.get(i).text()).append('\n');
            }
            return new RenderResult(Map.of("yaml", yaml.toString()));
        });
    }

    /** Counts JUnit XML reports and writes the static HTML report when asked. */
    public static JunitResult junit(DeliveryContext context, JunitRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            Path base = context.workingDirectory();
            ReportFiles.Found found = ReportFiles.xmlReports(base, request.paths());
            if (!found.unmatched().isEmpty()) {
                throw new InvalidParameterException(
                        names.of("reports"),
                        "no JUnit XML file matches " + String.join(", ", found.unmatched()) + " (relative to " + base
                                + "); name a file, a folder or a pattern such as '**/TEST-*.xml'");
            }
            JunitResults results =
                    new JunitParser(ScreenshotIndex.find(base, request.screenshots())).parse(found.files());
            results.skippedFiles().forEach(skipped -> context.events().warn("report leaves out " + skipped.describe()));
            Map<String, Object> values = new LinkedHashMap<>(results.toMap());
            values.put("reportFiles", found.files().stream().map(Path::toString).toList());
            if (request.reportDirectory().isPresent()) {
                Path index = HtmlReport.write(
                        results, context.resolve(request.reportDirectory().get()), request.title());
                values.put("reportDirectory", index.getParent().toString());
            }
            if (!results.malformedReports().isEmpty()) {
                throw new DeliveryFailedException(
                        "cannot read " + results.malformedReports().get(0).describe()
                                + (results.malformedReports().size() > 1
                                        ? " (and " + (results.malformedReports().size() - 1) + " more files)"
                                        : "")
                                + "; the other files were counted",
                        values);
            }
            int failing = results.failed() + results.errors();
            if (request.failOnFailures() && failing > 0) {
                throw new DeliveryFailedException(
                        failing + " of " + results.tests() + " tests failed (" + results.failed() + " failed, "
                                + results.errors() + " errors)",
                        values);
            }
            return new JunitResult(values);
        });
    }

    /**
     * Registers a task-definition revision pinned to digests, updates the service and waits honestly: a rollout that
     * the circuit breaker failed, or tasks on another digest, are failures.
     */
    public static EcsDeployResult ecsDeploy(DeliveryContext context, EcsDeployRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            io.jenkins.plugins.awsdelivery.engine.ecs.EcsDeployRequest deploy =
                    io.jenkins.plugins.awsdelivery.engine.ecs.EcsDeployRequest.builder()
                            .cluster(request.cluster())
                            .service(request.service())
                            .images(request.images())
                            .taskDefinitionJson(request.taskDefinition()
                                    .map(file -> read(context, names.of("taskDefinition"), file))
                                    .orElse(null))
                            .timeout(request.timeout())
                            .pollInterval(request.pollInterval())
                            .rollbackOnFailure(request.rollbackOnFailure())
                            .build();
            try (AwsConnection aws = aws(context, request.aws(), names);
                    EcsDeployer deployer = new EcsDeployer(aws, context.events())) {
                return new EcsDeployResult(deployer.deploy(deploy).toMap());
            }
        });
    }

    /**
     * Creates a change set for the stack (create or update), executes it unless asked not to, and waits; a change set
     * without changes is a success, a failed or rolled-back stack a failure naming the first failed resource.
     */
    public static CfnDeployResult cfnDeploy(DeliveryContext context, CfnDeployRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            StackDeployRequest deploy = StackDeployRequest.builder()
                    .stack(request.stack())
                    .template(read(context, names.of("template"), request.template()))
                    .parameters(request.parameters())
                    .capabilities(request.capabilities())
                    .tags(request.tags())
                    .roleArn(request.cfnRoleArn().orElse(null))
                    .timeout(request.timeout())
                    .pollInterval(request.pollInterval())
                    .execute(request.execute())
                    .build();
            try (AwsConnection aws = aws(context, request.aws(), names);
                    StackDeployer deployer = new StackDeployer(aws, context.events())) {
                return new CfnDeployResult(deployer.deploy(deploy).toMap());
            }
        });
    }

    private static String read(DeliveryContext context, String parameter, String file) {
        Path path = context.resolve(file);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new InvalidParameterException(parameter, "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** Copies the image keeping its digest; the destination tag is written last. */
    public static PromoteResult promote(DeliveryContext context, PromoteRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            ImageReference source = ImageReference.parse(names.of("source"), request.source());
            ImageReference destination = ImageReference.parse(names.of("destination"), request.destination());
            try (EcrLogins ecrLogins = new EcrLogins(context.events());
                    Connections connections = new Connections(context, names)) {
                io.jenkins.plugins.awsdelivery.engine.promote.PromoteRequest.Builder promote =
                        io.jenkins.plugins.awsdelivery.engine.promote.PromoteRequest.builder()
                                .source(source)
                                .destination(destination)
                                .sourceCredentials(side(
                                        request.sourceLogin(),
                                        source,
                                        request.sourceEcr(),
                                        request.sourceAws(),
                                        ecrLogins,
                                        connections))
                                .destinationCredentials(side(
                                        request.destinationLogin(),
                                        destination,
                                        request.destinationEcr(),
                                        request.destinationAws(),
                                        ecrLogins,
                                        connections))
                                .insecureRegistries(request.access().insecureRegistries())
                                .noClobber(request.noClobber())
                                .dryRun(request.dryRun())
                                .parallelism(request.parallelism())
                                .referrers(ReferrerSelection.parse(names.of("referrers"), request.referrers()))
                                .events(context.events());
                trust(context, request.access(), names).ifPresent(promote::sslContext);
                return new PromoteResult(new Promoter().promote(promote.build()).toMap());
            }
        });
    }

    /**
     * Writes a kubeconfig for an EKS cluster into a new private folder below the request's directory: endpoint and CA
     * from {@code DescribeCluster}, a token file with a fresh token. Renew it with {@link #renewKubeconfigToken} before
     * {@link KubeconfigResult#expiresAt()}; delete {@link KubeconfigResult#directory()} when done.
     */
    public static KubeconfigResult writeKubeconfig(DeliveryContext context, KubeconfigRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            try (AwsConnection aws = aws(context, request.aws(), names)) {
                EksCluster cluster = EksCluster.describe(request.cluster(), aws);
                EksToken token = token(context, aws, request.cluster());
                EksKubeconfigFile written =
                        EksKubeconfigFile.write(context.resolve(request.directory()), cluster, token);
                return kubeconfigResult(written, token);
            }
        });
    }

    /** Writes a fresh token into the token file of a kubeconfig that {@link #writeKubeconfig} wrote. */
    public static KubeconfigResult renewKubeconfigToken(
            DeliveryContext context, KubeconfigRequest request, KubeconfigResult written) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            try (AwsConnection aws = aws(context, request.aws(), names)) {
                EksToken token = token(context, aws, request.cluster());
                EksKubeconfigFile kubeconfig = EksKubeconfigFile.in(Path.of(written.directory()));
                kubeconfig.renewToken(token);
                return kubeconfigResult(kubeconfig, token);
            }
        });
    }

    /** An ExecCredential with a fresh EKS token, as {@code aws eks get-token} prints it. */
    public static EksTokenResult eksToken(DeliveryContext context, EksTokenRequest request) {
        ParameterNames names = request.names();
        return Failures.translate(names, () -> {
            try (AwsConnection aws = aws(context, request.aws(), names)) {
                EksToken token = token(context, aws, request.cluster());
                Map<String, Object> status = new LinkedHashMap<>();
                status.put(
                        "expirationTimestamp",
                        token.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
                status.put("token", token.value());
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("kind", "ExecCredential");
                values.put("apiVersion", "client.authentication.k8s.io/v1beta1");
                values.put("spec", Map.of());
                values.put("status", status);
                return new EksTokenResult(values);
            }
        });
    }

    /** A fresh EKS token for {@code cluster}, signed with the connection's credentials at the context's time. */
    private static EksToken token(DeliveryContext context, AwsConnection aws, String cluster) {
        return new EksTokenGenerator(aws.credentialsProvider(), aws.region(), context.clock()).token(cluster);
    }

    private static KubeconfigResult kubeconfigResult(EksKubeconfigFile kubeconfig, EksToken token) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("directory", kubeconfig.directory().toString());
        values.put("kubeconfig", kubeconfig.path().toString());
        values.put("tokenFile", kubeconfig.tokenFile().toString());
        values.put("expiresAt", token.expiresAt().toString());
        return new KubeconfigResult(values);
    }

    private static RegistryCredentialProvider side(
            Optional<RegistryLogin> login,
            ImageReference image,
            boolean forceEcr,
            AwsSettings aws,
            EcrLogins ecrLogins,
            Connections connections) {
        if (login.isPresent()) {
            return login(login);
        }
        Optional<String> ecrRegion = EcrLogins.regionOf(image.registry());
        if (forceEcr || ecrRegion.isPresent()) {
            // An ECR authorization token is valid only for the registry of the region that issued it.
            AwsSettings side = ecrRegion.isPresent()
                    ? aws.toBuilder().region(ecrRegion.get()).build()
                    : aws;
            return ecrLogins.credentialsFor(image.registry(), connections.open(side));
        }
        return RegistryCredentialProvider.anonymous();
    }

    private static RegistryCredentialProvider login(Optional<RegistryLogin> login) {
        return login.map(l -> RegistryCredentialProvider.of(
                        RegistryCredential.basic(l.username(), l.password().reveal())))
                .orElse(RegistryCredentialProvider.anonymous());
    }

    private static ClusterConnection kubeconfigFromEnvironment(DeliveryContext context, ParameterNames names) {
        String value = context.environment().get("KUBECONFIG");
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(
                    names.of("cluster"),
                    "name an EKS cluster, or a kubeconfig (" + names.of("kubeconfig") + "), or run inside"
                            + " withKubeConfig so that KUBECONFIG is set");
        }
        return ClusterConnection.kubeconfigList(value, context::resolve);
    }

    static AwsConnection aws(DeliveryContext context, AwsSettings settings, ParameterNames names) {
        AwsConnection.Builder builder = AwsConnection.builder()
                .environment(context.environment())
                .region(settings.region().orElse(null))
                .roleArn(settings.roleArn().orElse(null))
                .externalId(settings.externalId().orElse(null))
                .roleSessionName(settings.roleSessionName().orElse(null));
        if (settings.accessKeyId().isPresent()) {
            builder.staticCredentials(
                    settings.accessKeyId().get(),
                    settings.secretAccessKey().map(s -> s.reveal()).orElse(null),
                    settings.sessionToken().map(s -> s.reveal()).orElse(null));
        }
        if (settings.endpointUrl().isPresent()) {
            builder.endpointOverride(endpoint(settings.endpointUrl().get(), names.of("endpointUrl")));
        } else {
            // The variable the aws CLI and the SDKs honour, read from the build's environment, not this JVM's.
            String fromEnvironment = context.environment().get(ENDPOINT_VARIABLE);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                builder.endpointOverride(endpoint(fromEnvironment.strip(), ENDPOINT_VARIABLE));
            }
        }
        return builder.build();
    }

    private static URI endpoint(String url, String parameter) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidParameterException(
                    parameter, "\"" + url + "\" is not a URL such as http://127.0.0.1:4566");
        }
    }

    /** The AWS connections one operation opened, closed together. */
    static final class Connections implements AutoCloseable {
        private final DeliveryContext context;
        private final ParameterNames names;
        private final List<AwsConnection> open = new ArrayList<>();

        Connections(DeliveryContext context, ParameterNames names) {
            this.context = context;
            this.names = names;
        }

        AwsConnection open(AwsSettings settings) {
            AwsConnection connection = aws(context, settings, names);
            open.add(connection);
            return connection;
        }

        @Override
        public void close() {
            open.forEach(AwsConnection::close);
        }
    }
}
