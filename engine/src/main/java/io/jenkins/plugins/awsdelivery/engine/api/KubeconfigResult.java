package io.jenkins.plugins.awsdelivery.engine.api;

import java.util.Map;

/**
 * {@code directory, kubeconfig, tokenFile, expiresAt}: the private folder to delete afterwards, the file for
 * {@code KUBECONFIG}, the file the token is renewed in, and when the current token expires (ISO-8601).
 */
public final class KubeconfigResult extends Result {
    private static final long serialVersionUID = 1L;

    KubeconfigResult(Map<String, ?> values) {
        super(values);
    }

    public String directory() {
        return string("directory");
    }

    public String kubeconfig() {
        return string("kubeconfig");
    }

    public String tokenFile() {
        return string("tokenFile");
    }

    public String expiresAt() {
        return string("expiresAt");
    }
}
