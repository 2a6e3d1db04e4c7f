package io.jenkins.plugins.awsdelivery;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Turns a step's AWS parameters into the engine's {@link AwsSettings}, on the controller. A {@code credentialsId}
 * names an aws-credentials credential; its {@code resolveCredentials()} runs here (it assumes the credential's own role
 * if it has one), and only the resulting keys travel to the agent, as {@link Secret}s. Without one, the agent's default
 * chain applies (instance role, IRSA, Pod Identity, or variables set by {@code withCredentials}).
 */
final class AwsCredentialsLookup {
    private AwsCredentialsLookup() {}

    /**
     * @param parameter the credential parameter's name in the step ({@code credentialsId}, {@code sourceCredentialsId})
     * @param secrets receives the secret key and session token, for masking
     */
    static AwsSettings settings(
            Run<?, ?> run,
            String parameter,
            String credentialsId,
            String region,
            String roleArn,
            Collection<Secret> secrets)
            throws AbortException {
        AwsSettings.Builder settings =
                AwsSettings.builder().region(region).roleArn(roleArn).roleSessionName(sessionName(run));
        if (credentialsId == null || credentialsId.isBlank()) {
            return settings.build();
        }
        AmazonWebServicesCredentials credential = CredentialsProvider.findCredentialById(
                credentialsId, AmazonWebServicesCredentials.class, run, List.of());
        if (credential == null) {
            throw new AbortException(parameter + ": no AWS credential with id '" + credentialsId
                    + "' is visible to this job; add one of kind 'AWS Credentials' under Manage Jenkins »"
                    + " Credentials, or in the job's folder");
        }
        CredentialsProvider.track(run, credential);
        AwsCredentials keys;
        try {
            keys = credential.resolveCredentials();
        } catch (RuntimeException e) {
            throw new AbortException(parameter + ": the AWS credential '" + credentialsId
                    + "' could not be resolved (" + e.getClass().getSimpleName()
                    + "); check its keys and, if it assumes a role, that the controller may call sts:AssumeRole");
        }
        if (keys == null) {
            // A credential without keys or role: the default chain of the agent, as with no credentialsId.
            return settings.build();
        }
        Secret secretKey = Secret.of(keys.secretAccessKey());
        Secret sessionToken =
                keys instanceof AwsSessionCredentials session ? Secret.ofNullable(session.sessionToken()) : null;
        secrets.add(secretKey);
        if (sessionToken != null) {
            secrets.add(sessionToken);
        }
        return settings.credentials(keys.accessKeyId(), secretKey, sessionToken).build();
    }

    /** Shows in CloudTrail which build assumed a role: {@code jenkins-<job>-<number>}, within STS's 64 characters. */
    private static String sessionName(Run<?, ?> run) {
        String name =
                ("jenkins-" + run.getParent().getFullName() + "-" + run.getNumber()).replaceAll("[^\\w+=,.@-]", "-");
        return name.length() <= 64 ? name : name.substring(name.length() - 64);
    }
}
