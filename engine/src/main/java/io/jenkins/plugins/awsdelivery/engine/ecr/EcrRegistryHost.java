package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * The registry host of an AWS account in a region, {@code <account>.dkr.ecr.<region>.<partition DNS suffix>}:
 * {@code amazonaws.com} in the {@code aws} and GovCloud partitions, {@code amazonaws.com.cn} in China. The suffix
 * comes from the SDK's partition metadata, so new partitions follow the SDK.
 */
public final class EcrRegistryHost {
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern HOST =
            Pattern.compile("([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-[0-9]+)\\.([a-z0-9.-]+)");

    private final String accountId;
    private final Region region;

    private EcrRegistryHost(String accountId, Region region) {
        this.accountId = accountId;
        this.region = region;
    }

    public static EcrRegistryHost of(String accountId, Region region) {
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new InvalidParameterException(
                    "registryId", "\"" + accountId + "\" is not an AWS account id (12 digits)");
        }
        return new EcrRegistryHost(accountId, region);
    }

    /** The account and region of an ECR registry host, or empty when {@code host} is not one. */
    public static Optional<EcrRegistryHost> parse(String host) {
        Matcher matcher = HOST.matcher(host);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        EcrRegistryHost parsed = new EcrRegistryHost(matcher.group(1), Region.of(matcher.group(2)));
        // The DNS suffix must be the one of the region's partition (no amazonaws.com.cn for eu-west-1).
        String suffix = PartitionMetadata.of(parsed.region()).dnsSuffix();
        return matcher.group(3).equals(suffix) ? Optional.of(parsed) : Optional.empty();
    }

    public String accountId() {
        return accountId;
    }

    public Region region() {
        return region;
    }

    /** E.g. {@code 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn}. */
    public String host() {
        return accountId + ".dkr.ecr." + region.id() + "."
                + PartitionMetadata.of(region).dnsSuffix();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EcrRegistryHost that && that.accountId.equals(accountId) && that.region.equals(region);
    }

    @Override
    public int hashCode() {
        return accountId.hashCode() * 31 + region.hashCode();
    }

    @Override
    public String toString() {
        return host();
    }
}
