package io.jenkins.plugins.awsdelivery;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;

/** Credentials in Jenkins's system store, and a search for a secret in everything a build leaves on disk. */
final class StoredTestCredentials {
    private StoredTestCredentials() {}

    static void aws(String id, String accessKey, String secretKey) throws IOException {
        add(new AWSCredentialsImpl(CredentialsScope.GLOBAL, id, accessKey, secretKey, "test keys"));
    }

    static void usernamePassword(String id, String username, String password) throws Exception {
        add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "test login", username, password));
    }

    static void secretFile(String id, Path content) throws IOException {
        add(new FileCredentialsImpl(
                CredentialsScope.GLOBAL,
                id,
                "test kubeconfig",
                "kubeconfig",
                SecretBytes.fromRawBytes(Files.readAllBytes(content))));
    }

    private static void add(Credentials credentials) throws IOException {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(credentials);
        store.save();
    }

    /** Whether {@code secret} is in any file of the build's folder: build.xml, the log, release.json, flow nodes. */
    static boolean leftOnDisk(Run<?, ?> run, String secret) throws IOException {
        try (Stream<Path> files = Files.walk(run.getRootDir().toPath())) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    static File releaseJson(Run<?, ?> run) {
        return new File(run.getRootDir(), ReleaseRecordAction.FILE_NAME);
    }
}
