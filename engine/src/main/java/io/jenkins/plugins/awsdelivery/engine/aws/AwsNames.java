package io.jenkins.plugins.awsdelivery.engine.aws;

import java.util.regex.Pattern;

/** The shapes of AWS names the engine checks before it calls AWS: a region name and an IAM role ARN. */
public final class AwsNames {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");

    private AwsNames() {}

    /** E.g. {@code eu-west-1}, {@code cn-north-1}, {@code us-gov-west-1}. */
    public static boolean isRegion(String value) {
        return REGION.matcher(value).matches();
    }

    /** E.g. {@code arn:aws:iam::123456789012:role/deployer}, in any partition. */
    public static boolean isRoleArn(String value) {
        return ROLE_ARN.matcher(value).matches();
    }
}
