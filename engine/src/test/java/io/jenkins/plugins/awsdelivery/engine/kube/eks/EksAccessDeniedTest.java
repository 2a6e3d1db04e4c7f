package io.jenkins.plugins.awsdelivery.engine.kube.eks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The principal an EKS access entry or aws-auth mapping names. Expected values follow the ARN formats of the IAM User
 * Guide ("IAM identifiers": an assumed-role session is {@code arn:aws:sts::account:assumed-role/role-name/session},
 * its role {@code arn:aws:iam::account:role/role-name}) and the EKS guide's note that access entries and aws-auth take
 * the role's ARN, not the session's.
 */
class EksAccessDeniedTest {

    @Test
    void principalArn_ofAnAssumedRoleSession_isTheRole() {
        assertThat(EksAccessDenied.principalArn("arn:aws:sts::123456789012:assumed-role/example-role/AWSCLI-Session"))
                .isEqualTo("arn:aws:iam::123456789012:role/example-role");
    }

    @Test
    void principalArn_inTheChinaPartition_keepsThePartition() {
        assertThat(EksAccessDenied.principalArn("arn:aws-cn:sts::123456789012:assumed-role/deployer/i-0abc"))
                .isEqualTo("arn:aws-cn:iam::123456789012:role/deployer");
    }

    @Test
    void principalArn_ofAnIamUserOrRole_isUnchanged() {
        assertThat(EksAccessDenied.principalArn("arn:aws:iam::123456789012:user/JohnDoe"))
                .isEqualTo("arn:aws:iam::123456789012:user/JohnDoe");
        assertThat(EksAccessDenied.principalArn("arn:aws:iam::123456789012:role/deployer"))
                .isEqualTo("arn:aws:iam::123456789012:role/deployer");
    }
}
