package io.jenkins.plugins.awsdelivery.engine.aws;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * Where the region comes from when the caller did not name one: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION} (as
 * the aws CLI reads it), then the {@code region} of the active profile in
 * the AWS config file. Instance metadata is not asked: an agent outside EC2 would wait for its timeout, and EKS
 * injects {@code AWS_REGION} into pods that use IRSA or Pod Identity.
 */
final class RegionResolver {

    private RegionResolver() {}

    static Region resolve(String explicit, Map<String, String> environment) {
        if (explicit != null && !explicit.isBlank()) {
            return validated("region", explicit.strip());
        }
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return validated(variable, value.strip());
            }
        }
        return fromProfile(environment)
                .map(value -> validated("the profile's region", value))
                .orElseThrow(() -> new InvalidParameterException(
                        "region",
                        "no AWS region was given and none is set in AWS_REGION, AWS_DEFAULT_REGION or the AWS config"
                                + " profile; pass a region (CLI: --region), e.g. eu-west-1"));
    }

    private static Region validated(String source, String value) {
        if (!AwsNames.isRegion(value)) {
            throw new InvalidParameterException(
                    "region", "\"" + value + "\" (from " + source + ") is not an AWS region name such as eu-west-1");
        }
        return Region.of(value);
    }

    private static Optional<String> fromProfile(Map<String, String> environment) {
        String file = environment.get("AWS_CONFIG_FILE");
        String home = environment.get("HOME");
        Path path = file != null && !file.isBlank()
                ? Path.of(file)
                : home == null || home.isBlank() ? null : Path.of(home, ".aws", "config");
        if (path == null || !Files.isRegularFile(path)) {
            return Optional.empty();
        }
        String profile = environment.getOrDefault("AWS_PROFILE", "default");
        ProfileFile profiles = ProfileFile.builder()
                .content(path)
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
        return profiles.profile(profile).flatMap(p -> p.property("region"));
    }
}
