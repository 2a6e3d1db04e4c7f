package io.jenkins.plugins.awsdelivery.engine.aws;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS default credential chain, read from the environment map of the caller instead of the JVM's own
 * environment. One agent JVM serves many builds, and each build sets its own {@code AWS_*} variables
 * ({@code withCredentials}, {@code withAWS}): the SDK's {@code DefaultCredentialsProvider} would read the agent
 * process's variables and let one build act with another build's identity.
 *
 * <p>In order: static keys ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN});
 * web identity ({@code AWS_WEB_IDENTITY_TOKEN_FILE} + {@code AWS_ROLE_ARN}, as IRSA sets them; the token file is read
 * again at every renewal); the shared profile ({@code AWS_PROFILE}, {@code AWS_SHARED_CREDENTIALS_FILE},
 * {@code AWS_CONFIG_FILE}, else the files under {@code $HOME/.aws}); container credentials (ECS task roles and EKS Pod
 * Identity) when the map names a container credentials URI; the EC2 instance role.
 */
final class EnvironmentCredentials implements SdkAutoCloseable {
    private final AwsCredentialsProvider provider;
    private final List<SdkAutoCloseable> owned;

    private EnvironmentCredentials(AwsCredentialsProvider provider, List<SdkAutoCloseable> owned) {
        this.provider = provider;
        this.owned = owned;
    }

    /** @param endpointOverride where STS is for web identity (emulators, tests), else AWS's regional endpoint */
    static EnvironmentCredentials from(
            Map<String, String> environment, Region region, java.util.Optional<java.net.URI> endpointOverride) {
        String accessKeyId = value(environment, "AWS_ACCESS_KEY_ID");
        String secretAccessKey = value(environment, "AWS_SECRET_ACCESS_KEY");
        if (accessKeyId != null || secretAccessKey != null) {
            if (accessKeyId == null || secretAccessKey == null) {
                throw new InvalidParameterException(
                        accessKeyId == null ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                        "the build's environment sets only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY;"
                                + " set both, or neither");
            }
            String sessionToken = value(environment, "AWS_SESSION_TOKEN");
            return new EnvironmentCredentials(
                    StaticCredentialsProvider.create(
                            sessionToken == null
                                    ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                                    : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken)),
                    List.of());
        }
        List<AwsCredentialsProvider> chain = new ArrayList<>();
        List<SdkAutoCloseable> owned = new ArrayList<>();
        String tokenFile = value(environment, "AWS_WEB_IDENTITY_TOKEN_FILE");
        String roleArn = value(environment, "AWS_ROLE_ARN");
        if (tokenFile != null && roleArn == null) {
            // The SDK would skip web identity and go on to the instance role: the build would run as someone else.
            throw new InvalidParameterException(
                    "AWS_ROLE_ARN",
                    "the build's environment sets AWS_WEB_IDENTITY_TOKEN_FILE but not AWS_ROLE_ARN, the role the token"
                            + " is exchanged for; set AWS_ROLE_ARN (on EKS the service account's"
                            + " eks.amazonaws.com/role-arn annotation sets both), or unset AWS_WEB_IDENTITY_TOKEN_FILE");
        }
        if (tokenFile != null) {
            Path token = Path.of(tokenFile);
            if (!Files.isRegularFile(token) || !Files.isReadable(token)) {
                throw new InvalidParameterException(
                        "AWS_WEB_IDENTITY_TOKEN_FILE",
                        "the web identity token file " + token + " "
                                + (Files.exists(token) ? "cannot be read" : "does not exist")
                                + "; on EKS (IRSA) the pod's service account must be annotated with"
                                + " eks.amazonaws.com/role-arn so that the token is mounted, else unset"
                                + " AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN");
            }
            StsClient sts = StsClient.builder()
                    .region(region)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                    .applyMutation(b -> endpointOverride.ifPresent(b::endpointOverride))
                    .build();
            String sessionName = value(environment, "AWS_ROLE_SESSION_NAME");
            StsAssumeRoleWithWebIdentityCredentialsProvider webIdentity =
                    StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
                            .stsClient(sts)
                            .refreshRequest(() -> AssumeRoleWithWebIdentityRequest.builder()
                                    .roleArn(roleArn)
                                    .roleSessionName(
                                            sessionName != null
                                                    ? sessionName
                                                    : "aws-container-delivery-" + System.currentTimeMillis())
                                    .webIdentityToken(readToken(token))
                                    .build())
                            .build();
            chain.add(webIdentity);
            owned.add(webIdentity);
            owned.add(sts);
        }
        profile(environment).ifPresent(chain::add);
        if (value(environment, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null
                || value(environment, "AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            ContainerCredentialsProvider container =
                    ContainerCredentialsProvider.builder().build();
            chain.add(container);
            owned.add(container);
        }
        InstanceProfileCredentialsProvider instance = InstanceProfileCredentialsProvider.create();
        chain.add(instance);
        owned.add(instance);
        AwsCredentialsProviderChain providers = AwsCredentialsProviderChain.builder()
                .credentialsProviders(chain)
                .reuseLastProviderEnabled(true)
                .build();
        return new EnvironmentCredentials(providers, owned);
    }

    AwsCredentialsProvider provider() {
        return provider;
    }

    private static java.util.Optional<AwsCredentialsProvider> profile(Map<String, String> environment) {
        String home = value(environment, "HOME");
        Path credentials = path(environment, "AWS_SHARED_CREDENTIALS_FILE", home, "credentials");
        Path config = path(environment, "AWS_CONFIG_FILE", home, "config");
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        boolean any = false;
        if (credentials != null && Files.isRegularFile(credentials)) {
            files.addFile(ProfileFile.builder()
                    .content(credentials)
                    .type(ProfileFile.Type.CREDENTIALS)
                    .build());
            any = true;
        }
        if (config != null && Files.isRegularFile(config)) {
            files.addFile(ProfileFile.builder()
                    .content(config)
                    .type(ProfileFile.Type.CONFIGURATION)
                    .build());
            any = true;
        }
        String name = value(environment, "AWS_PROFILE");
        if (!any) {
            if (name != null) {
                throw new InvalidParameterException(
                        "AWS_PROFILE",
                        "the profile \"" + name + "\" was asked for, but there is no AWS credentials or config file"
                                + " (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, $HOME/.aws)");
            }
            return java.util.Optional.empty();
        }
        ProfileFile aggregated = files.build();
        String profileName = name != null ? name : "default";
        if (aggregated.profile(profileName).isEmpty()) {
            if (name != null) {
                throw new InvalidParameterException(
                        "AWS_PROFILE", "no profile \"" + name + "\" in the AWS credentials or config file");
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ProfileCredentialsProvider.builder()
                .profileFile(aggregated)
                .profileName(profileName)
                .build());
    }

    private static Path path(Map<String, String> environment, String variable, String home, String file) {
        String value = value(environment, variable);
        if (value != null) {
            return Path.of(value);
        }
        return home == null ? null : Path.of(home, ".aws", file);
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // The file's name only, never its content: the token is a secret.
            throw SdkClientException.create("reading the web identity token file " + file
                    + " (AWS_WEB_IDENTITY_TOKEN_FILE): " + e.getClass().getSimpleName()
                    + "; it is read again at every renewal of the role's session and must stay mounted");
        }
    }

    private static String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void close() {
        for (SdkAutoCloseable closeable : owned) {
            closeable.close();
        }
    }
}
