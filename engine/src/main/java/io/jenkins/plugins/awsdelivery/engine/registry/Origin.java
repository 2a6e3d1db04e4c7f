package io.jenkins.plugins.awsdelivery.engine.registry;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of a URL, as browsers compare them before they share credentials: a registry's
 * {@code Authorization} goes only to its own origin, never to a host an answer names.
 */
record Origin(String scheme, String host, int port) {

    /** Null host or scheme (a relative or opaque URI) gives null. */
    static Origin of(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    boolean isHttp() {
        return scheme.equals("http") || scheme.equals("https");
    }

    /** {@code host[:port]} as registries are named, the port left out when it is the scheme's default. */
    String hostPort() {
        boolean defaultPort = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return defaultPort || port == -1 ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + hostPort();
    }
}
