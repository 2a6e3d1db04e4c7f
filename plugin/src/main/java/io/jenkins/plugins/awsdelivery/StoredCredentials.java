package io.jenkins.plugins.awsdelivery;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.awsdelivery.engine.api.RegistryLogin;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/** Username/password credentials for registries other than ECR, and secret-file kubeconfigs. */
final class StoredCredentials {
    private StoredCredentials() {}

    /** A login for a registry that is not ECR, or null when no credential is named. */
    static RegistryLogin registryLogin(
            Run<?, ?> run, String parameter, String credentialsId, Collection<Secret> secrets) throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        StandardUsernamePasswordCredentials credential = CredentialsProvider.findCredentialById(
                credentialsId, StandardUsernamePasswordCredentials.class, run, List.of());
        if (credential == null) {
            throw new AbortException(parameter + ": no username/password credential with id '" + credentialsId
                    + "' is visible to this job; add one of kind 'Username with password'");
        }
        CredentialsProvider.track(run, credential);
        String password = credential.getPassword().getPlainText();
        if (password.isEmpty()) {
            throw new AbortException(parameter + ": the credential '" + credentialsId + "' has an empty password");
        }
        Secret secret = Secret.of(password);
        secrets.add(secret);
        return RegistryLogin.of(credential.getUsername(), secret);
    }

    /**
     * Copies a secret-file kubeconfig into a new private folder (0700) under the workspace's temporary folder, as a
     * 0600 file; the caller deletes {@link #folder(FilePath)} of the returned file when done.
     */
    static FilePath kubeconfigFile(Run<?, ?> run, String parameter, String credentialsId, FilePath workspace)
            throws IOException, InterruptedException {
        FileCredentials credential =
                CredentialsProvider.findCredentialById(credentialsId, FileCredentials.class, run, List.of());
        if (credential == null) {
            throw new AbortException(parameter + ": no secret-file credential with id '" + credentialsId
                    + "' is visible to this job; add your kubeconfig as a credential of kind 'Secret file'");
        }
        CredentialsProvider.track(run, credential);
        FilePath folder = privateFolder(workspace);
        FilePath file = folder.child("kubeconfig");
        try (InputStream content = credential.getContent()) {
            file.write().close();
            file.chmod(0600);
            file.copyFrom(content);
        } catch (IOException | InterruptedException | RuntimeException e) {
            folder.deleteRecursive();
            throw e;
        }
        return file;
    }

    /** A new folder only the agent's user can enter, under {@code <workspace>@tmp}. */
    static FilePath privateFolder(FilePath workspace) throws IOException, InterruptedException {
        FilePath folder = tempFolder(workspace).child("aws-delivery-" + UUID.randomUUID());
        folder.mkdirs();
        folder.chmod(0700);
        return folder;
    }

    /** The workspace's temporary folder, {@code <workspace>@tmp} (not created here). */
    static FilePath tempFolder(FilePath workspace) throws AbortException {
        FilePath temp = WorkspaceList.tempDir(workspace);
        if (temp == null) {
            throw new AbortException("the workspace " + workspace + " has no temporary folder");
        }
        return temp;
    }

    static FilePath folder(FilePath file) {
        return file.getParent();
    }
}
