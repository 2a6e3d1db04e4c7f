package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What to tell a user whom an EKS cluster refused (401 or 403): who the cluster saw — STS {@code GetCallerIdentity}
 * with the same credentials — and how to give that principal access: an EKS access entry with an access policy, or a
 * mapping in the {@code aws-auth} ConfigMap. For an assumed role, both need the role's ARN, not the session's.
 */
public final class EksAccessDenied {
    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:([^:]+):sts::(\\d{12}):assumed-role/([^/]+)/.+");
    private static final Pattern PARTITION = Pattern.compile("arn:([^:]+):.*");

    private EksAccessDenied() {}

    /**
     * The sentence to append to a 401 or 403 from the cluster's API server.
     *
     * @param status 401 (the cluster does not know the principal) or 403 (it knows it, but it may not do this)
     */
    public static String explain(int status, String cluster, String namespace, AwsConnection aws) {
        String callerArn;
        try {
            callerArn = callerArn(aws);
        } catch (SdkException e) {
            return "; could not tell which AWS identity EKS refused (STS GetCallerIdentity: " + e.getMessage()
                    + "); give the identity of these credentials an EKS access entry on cluster " + cluster
                    + " or map it in the aws-auth ConfigMap";
        }
        return explain(status, cluster, namespace, callerArn);
    }

    /** {@link #explain(int, String, String, AwsConnection)} for a known caller ARN. */
    static String explain(int status, String cluster, String namespace, String callerArn) {
        String principal = principalArn(callerArn);
        String partition = partition(principal);
        String seenAs = principal.equals(callerArn)
                ? "the AWS identity " + callerArn
                : "the AWS identity " + callerArn + " (role " + principal + ")";
        String associatePolicy = "aws eks associate-access-policy --cluster-name " + cluster + " --principal-arn "
                + principal + " --policy-arn arn:" + partition + ":eks::aws:cluster-access-policy/AmazonEKSEditPolicy"
                + " --access-scope type=namespace,namespaces=" + namespace;
        if (status == 403) {
            return "; cluster " + cluster + " knows " + seenAs + " but does not allow it this; associate an access"
                    + " policy with its access entry (" + associatePolicy + ") or, if the aws-auth ConfigMap maps it,"
                    + " grant the groups it maps to Kubernetes RBAC in namespace " + namespace;
        }
        String mapping = principal.contains(":role/") ? "mapRoles" : "mapUsers";
        return "; cluster " + cluster + " does not accept " + seenAs + "; give it access with an EKS access entry"
                + " (aws eks create-access-entry --cluster-name " + cluster + " --principal-arn " + principal
                + ", then "
                + associatePolicy + ") or with a " + mapping + " entry for " + principal
                + " in the aws-auth ConfigMap (namespace kube-system)";
    }

    /**
     * The IAM principal that an access entry or aws-auth mapping names: the caller's ARN, except that an assumed-role
     * session ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}) becomes its role
     * ({@code arn:aws:iam::ACCOUNT:role/ROLE}).
     */
    static String principalArn(String callerArn) {
        Matcher matcher = ASSUMED_ROLE.matcher(callerArn);
        if (matcher.matches()) {
            return "arn:" + matcher.group(1) + ":iam::" + matcher.group(2) + ":role/" + matcher.group(3);
        }
        return callerArn;
    }

    private static String partition(String arn) {
        Matcher matcher = PARTITION.matcher(arn);
        return matcher.matches() ? matcher.group(1) : "aws";
    }

    private static String callerArn(AwsConnection aws) {
        try (StsClient sts = aws.configure(StsClient.builder()).build()) {
            return sts.getCallerIdentity().arn();
        }
    }
}
