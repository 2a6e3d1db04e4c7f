package io.jenkins.plugins.awsdelivery.engine.aws;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * How the engine reaches AWS: a region, where credentials come from, an optional role to assume, and (for tests and
 * emulators only) an endpoint that replaces every AWS service endpoint.
 *
 * <p>Credentials, in this order: static keys handed in by the caller; otherwise the default chain read from the
 * caller's {@link Builder#environment(Map) environment map} ({@link EnvironmentCredentials}: keys, IRSA web identity,
 * the shared profile, container credentials including EKS Pod Identity, EC2 instance role), never from this JVM's own
 * environment or system properties. With a {@code roleArn} those credentials
 * assume the role, and the session is renewed {@link Builder#refreshBefore(Duration) before it expires}, so a job
 * that runs longer than one role session keeps working.
 *
 * <p>Immutable once built; the assume-role provider is created on first use and shared by every client that
 * {@link #configure configures} itself from this connection. {@link #toString()} never shows a key, a secret or a
 * session token. Close it to release the STS client of an assumed role.
 */
public final class AwsConnection implements AutoCloseable {
    static final Duration DEFAULT_REFRESH_BEFORE = Duration.ofMinutes(5);
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Duration MIN_ROLE_DURATION = Duration.ofMinutes(15);
    private static final Duration MAX_ROLE_DURATION = Duration.ofHours(12);

    private final Region region;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String roleArn;
    private final String externalId;
    private final String roleSessionName;
    private final Duration roleDuration;
    private final Duration refreshBefore;
    private final URI endpointOverride;
    private final String profileName;

    private final Map<String, String> environment;

    private AwsCredentialsProvider provider;
    private SdkAutoCloseable closeable;

    private AwsConnection(Builder b, Region region) {
        this.region = region;
        this.accessKeyId = b.accessKeyId;
        this.secretAccessKey = b.secretAccessKey;
        this.sessionToken = b.sessionToken;
        this.roleArn = b.roleArn;
        this.externalId = b.externalId;
        this.roleSessionName =
                b.roleSessionName != null ? b.roleSessionName : "aws-container-delivery-" + System.currentTimeMillis();
        this.roleDuration = b.roleDuration;
        this.refreshBefore = b.refreshBefore;
        this.endpointOverride = b.endpointOverride;
        this.environment = b.environment;
        this.profileName = b.environment.get("AWS_PROFILE");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Region region() {
        return region;
    }

    /** The role to assume, when there is one. */
    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpointOverride);
    }

    /**
     * The credentials of this connection, shared by all clients: the base credentials, or the assumed role's session
     * refreshed before it expires.
     */
    public synchronized AwsCredentialsProvider credentialsProvider() {
        if (provider == null) {
            // Without static keys, the default chain of the build's environment; it owns clients to close.
            EnvironmentCredentials chain =
                    accessKeyId == null ? EnvironmentCredentials.from(environment, region, endpointOverride()) : null;
            AwsCredentialsProvider base = chain == null ? staticCredentials() : chain.provider();
            if (roleArn == null) {
                provider = base;
                closeable = chain;
            } else {
                StsClient sts = StsClient.builder()
                        .region(region)
                        .credentialsProvider(base)
                        .applyMutation(b -> endpointOverride().ifPresent(b::endpointOverride))
                        .build();
                StsAssumeRoleCredentialsProvider assumeRole = StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(r -> {
                            r.roleArn(roleArn).roleSessionName(roleSessionName);
                            if (externalId != null) {
                                r.externalId(externalId);
                            }
                            if (roleDuration != null) {
                                r.durationSeconds((int) roleDuration.toSeconds());
                            }
                        })
                        .prefetchTime(refreshBefore)
                        .staleTime(refreshBefore.dividedBy(2))
                        .build();
                provider = assumeRole;
                closeable = () -> {
                    assumeRole.close();
                    sts.close();
                    if (chain != null) {
                        chain.close();
                    }
                };
            }
        }
        return provider;
    }

    private AwsCredentialsProvider staticCredentials() {
        AwsCredentials credentials = sessionToken == null
                ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
        return StaticCredentialsProvider.create(credentials);
    }

    /** Sets region, credentials and (when given) the endpoint override on an SDK client builder. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B clientBuilder) {
        clientBuilder.region(region).credentialsProvider(credentialsProvider());
        endpointOverride().ifPresent(clientBuilder::endpointOverride);
        return clientBuilder;
    }

    @Override
    public synchronized void close() {
        if (closeable != null) {
            closeable.close();
            closeable = null;
        }
        provider = null;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("AwsConnection{region=").append(region.id());
        text.append(", credentials=")
                .append(
                        accessKeyId == null
                                ? "default chain" + (profileName == null ? "" : " (profile " + profileName + ")")
                                : sessionToken == null ? "static keys" : "static session keys");
        if (roleArn != null) {
            text.append(", roleArn=")
                    .append(roleArn)
                    .append(", roleSessionName=")
                    .append(roleSessionName);
            if (externalId != null) {
                text.append(", externalId=****");
            }
            if (roleDuration != null) {
                text.append(", roleDuration=").append(roleDuration);
            }
        }
        if (endpointOverride != null) {
            text.append(", endpointOverride=").append(endpointOverride);
        }
        return text.append('}').toString();
    }

    /** Validates at {@link #build()}; errors name the parameter and never echo a secret. */
    public static final class Builder {
        private String region;
        private String accessKeyId;
        private String secretAccessKey;
        private String sessionToken;
        private String roleArn;
        private String externalId;
        private String roleSessionName;
        private Duration roleDuration;
        private Duration refreshBefore = DEFAULT_REFRESH_BEFORE;
        private URI endpointOverride;
        private Map<String, String> environment = Map.of();

        private Builder() {}

        /** E.g. {@code eu-west-1}; null or blank means: from the environment or the profile. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder region(Region region) {
            this.region = region == null ? null : region.id();
            return this;
        }

        /** Static keys from the caller (a Jenkins credential); without them the default chain is used. */
        public Builder staticCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
            this.accessKeyId = blankToNull(accessKeyId);
            this.secretAccessKey = blankToNull(secretAccessKey);
            this.sessionToken = blankToNull(sessionToken);
            return this;
        }

        public Builder staticCredentials(String accessKeyId, String secretAccessKey) {
            return staticCredentials(accessKeyId, secretAccessKey, null);
        }

        public Builder roleArn(String roleArn) {
            this.roleArn = blankToNull(roleArn);
            return this;
        }

        public Builder externalId(String externalId) {
            this.externalId = blankToNull(externalId);
            return this;
        }

        public Builder roleSessionName(String roleSessionName) {
            this.roleSessionName = blankToNull(roleSessionName);
            return this;
        }

        /** How long each role session lasts (15 minutes to 12 hours); null means the role's default, one hour. */
        public Builder roleDuration(Duration roleDuration) {
            this.roleDuration = roleDuration;
            return this;
        }

        /** How long before its expiry a role session is renewed; default 5 minutes. */
        public Builder refreshBefore(Duration refreshBefore) {
            this.refreshBefore = Objects.requireNonNull(refreshBefore, "refreshBefore");
            return this;
        }

        /** Sends every AWS call to this endpoint instead of AWS: for tests and emulators only. */
        public Builder endpointOverride(URI endpointOverride) {
            this.endpointOverride = endpointOverride;
            return this;
        }

        /**
         * The environment of the build (or, in the CLI, of the process) that supplies the region variables and, without
         * static keys, the default credential chain ({@link EnvironmentCredentials}). Empty by default: the engine
         * never reads the JVM's own environment, which in a Jenkins agent belongs to no build.
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public AwsConnection build() {
            Region resolved = RegionResolver.resolve(region, environment);
            if ((accessKeyId == null) != (secretAccessKey == null)) {
                throw new InvalidParameterException(
                        accessKeyId == null ? "accessKeyId" : "secretAccessKey",
                        "static AWS credentials need both an access key id and a secret access key;"
                                + " give both, or neither to use the default credential chain");
            }
            if (sessionToken != null && accessKeyId == null) {
                throw new InvalidParameterException(
                        "sessionToken", "a session token needs the access key id and secret access key it belongs to");
            }
            if (roleArn != null && !AwsNames.isRoleArn(roleArn)) {
                throw new InvalidParameterException(
                        "roleArn",
                        "\"" + roleArn + "\" is not an IAM role ARN such as arn:aws:iam::123456789012:role/deployer");
            }
            if (roleArn == null && (externalId != null || roleSessionName != null || roleDuration != null)) {
                throw new InvalidParameterException(
                        "roleArn", "externalId, roleSessionName and roleDuration apply only with a roleArn; add one");
            }
            if (roleSessionName != null
                    && !SESSION_NAME.matcher(roleSessionName).matches()) {
                throw new InvalidParameterException(
                        "roleSessionName",
                        "\"" + roleSessionName + "\" must be 2 to 64 characters of letters, digits and +=,.@_-");
            }
            if (externalId != null && (externalId.length() < 2 || externalId.length() > 1224)) {
                throw new InvalidParameterException("externalId", "must be 2 to 1224 characters long");
            }
            if (roleDuration != null
                    && (roleDuration.compareTo(MIN_ROLE_DURATION) < 0
                            || roleDuration.compareTo(MAX_ROLE_DURATION) > 0)) {
                throw new InvalidParameterException(
                        "roleDuration", roleDuration + " is outside what STS allows: 15 minutes to 12 hours");
            }
            if (refreshBefore.isNegative() || refreshBefore.isZero()) {
                throw new InvalidParameterException("refreshBefore", "must be positive");
            }
            if (endpointOverride != null
                    && (endpointOverride.getScheme() == null || endpointOverride.getHost() == null)) {
                throw new InvalidParameterException(
                        "endpointUrl",
                        "\"" + endpointOverride + "\" is not an absolute URL such as http://127.0.0.1:4566");
            }
            return new AwsConnection(this, resolved);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
