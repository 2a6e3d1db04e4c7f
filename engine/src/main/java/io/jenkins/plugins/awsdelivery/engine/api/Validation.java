package io.jenkins.plugins.awsdelivery.engine.api;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.aws.AwsNames;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.util.Optional;

/**
 * The engine's own checks of single values, for a front end that validates as the user types (a Jenkins
 * {@code doCheck…} method) with the same words the operation would fail with. Each answers the problem, or empty.
 */
public final class Validation {

    private Validation() {}

    /** An image reference as the distribution grammar has it ({@code host[:port]/repo[:tag][@digest]}). */
    public static Optional<String> reference(String parameter, String value) {
        try {
            ImageReference.parse(parameter, value == null ? "" : value.strip());
            return Optional.empty();
        } catch (DeliveryException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The digest a value names: a digest itself ({@code sha256:…}) or the one a reference pins
     * ({@code repository@sha256:…}, such as {@code ecrPush}'s {@code imageUri}); empty for a tag-only or invalid value.
     */
    public static Optional<String> digestOf(String value) {
        try {
            return Optional.of(parseDigest("digest", value));
        } catch (DeliveryException e) {
            return Optional.empty();
        }
    }

    /** Whether {@link #digestOf} finds a digest in the value; the problem otherwise. */
    public static Optional<String> digest(String parameter, String value) {
        try {
            parseDigest(parameter, value);
            return Optional.empty();
        } catch (DeliveryException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String parseDigest(String parameter, String value) {
        String text = value == null ? "" : value.strip();
        if (!text.contains("@") && !text.contains("/")) {
            return Digest.parse(parameter, text).toString();
        }
        return ImageReference.parse(parameter, text)
                .digest()
                .map(Object::toString)
                .orElseThrow(() -> new DeliveryException(parameter + ": \"" + text
                        + "\" pins no digest; give sha256:<64 hex digits> or a reference with one"
                        + " (repository@sha256:…, such as ecrPush's imageUri)"));
    }

    /** {@code 90s}, {@code 5m}, {@code 1h30m}, seconds or ISO-8601. */
    public static Optional<String> duration(String parameter, String value) {
        try {
            Durations.parse(parameter, value);
            return Optional.empty();
        } catch (InvalidParameterException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** An AWS region name such as {@code eu-west-1}; blank is fine (the environment or profile gives it). */
    public static Optional<String> region(String parameter, String value) {
        if (value == null || value.isBlank() || AwsNames.isRegion(value.strip())) {
            return Optional.empty();
        }
        return Optional.of(parameter + ": \"" + value + "\" is not an AWS region name such as eu-west-1");
    }

    /** An IAM role ARN; blank is fine (no role). */
    public static Optional<String> roleArn(String parameter, String value) {
        if (value == null || value.isBlank() || AwsNames.isRoleArn(value.strip())) {
            return Optional.empty();
        }
        return Optional.of(parameter + ": \"" + value
                + "\" is not an IAM role ARN such as arn:aws:iam::123456789012:role/deployer");
    }
}
