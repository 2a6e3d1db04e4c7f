package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Makes EKS bearer tokens the way {@code aws eks get-token} and aws-iam-authenticator do, offline: a SigV4 presigned
 * {@code GET https://sts.<region>.<partition suffix>/?Action=GetCallerIdentity&Version=2011-06-15} whose signature
 * covers {@code host}, {@code x-k8s-aws-id: <cluster>} and the SHA-256 of the empty body, valid for 60 s of clock skew ({@code X-Amz-Expires=60}),
 * base64url-encoded without padding after {@code k8s-aws-v1.}. EKS accepts such a token for 15 minutes after signing;
 * it is treated as expired after 14.
 */
public final class EksTokenGenerator {
    public static final String TOKEN_PREFIX = "k8s-aws-v1.";
    public static final String CLUSTER_HEADER = "x-k8s-aws-id";
    /** What aws-iam-authenticator and the aws CLI put into {@code X-Amz-Expires}. */
    static final Duration PRESIGN_EXPIRY = Duration.ofSeconds(60);
    /** EKS honours a token for 15 minutes; clients renew after 14, as the aws CLI's expirationTimestamp says. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(14);

    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final Clock clock;
    private final HttpSigner<software.amazon.awssdk.identity.spi.AwsCredentialsIdentity> signer =
            AwsV4HttpSigner.create();

    public EksTokenGenerator(AwsCredentialsProvider credentials, Region region, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The regional STS host of the region's partition, e.g. {@code sts.cn-north-1.amazonaws.com.cn}. */
    public static String stsHost(Region region) {
        return "sts." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix();
    }

    /** A fresh token for {@code cluster}, signed now. */
    public EksToken token(String cluster) {
        if (cluster == null || cluster.isBlank()) {
            throw new InvalidParameterException("cluster", "name the EKS cluster");
        }
        AwsCredentials identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (AwsServiceException e) {
            // An AWS service answered (STS refusing AssumeRole, say): credentials exist but were refused.
            String service =
                    e.awsErrorDetails() == null ? "AWS" : e.awsErrorDetails().serviceName();
            throw new DeliveryException(
                    "signing an EKS token for cluster " + cluster + ": " + service + " refused the AWS credentials"
                            + " (HTTP " + e.statusCode() + ": "
                            + SecretMasker.patternsOnly().mask(e.getMessage())
                            + "); check that they are valid and, with a role, that they may assume it",
                    e);
        } catch (SdkException e) {
            throw new DeliveryException(
                    "signing an EKS token for cluster " + cluster + ": no AWS credentials ("
                            + SecretMasker.patternsOnly().mask(e.getMessage())
                            + "); provide keys, a profile, an instance role or a role to assume",
                    e);
        }
        Instant now = clock.instant();
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("https://" + stsHost(region) + "/"))
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_HEADER, cluster)
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRY)
                // STS recomputes the signature over the SHA-256 of the empty body of the GET that EKS sends;
                // UNSIGNED-PAYLOAD is accepted by S3 only, so a token signed with it is answered 401.
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, java.time.ZoneOffset.UTC)));
        String url = signed.request().getUri().toString();
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        return new EksToken(TOKEN_PREFIX + encoded, now.plus(TOKEN_LIFETIME));
    }
}
