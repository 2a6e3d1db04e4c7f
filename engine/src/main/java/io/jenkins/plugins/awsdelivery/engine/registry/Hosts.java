package io.jenkins.plugins.awsdelivery.engine.registry;

import java.util.Locale;

/** Facts about a registry's {@code host[:port]}. */
final class Hosts {
    private Hosts() {}

    static String host(String registry) {
        String value = registry.toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** localhost, 127.0.0.0/8 or ::1. */
    static boolean isLoopback(String registry) {
        String host = host(registry);
        if (host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        return host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** The host the registry API is served from; Docker Hub's API is not on docker.io itself. */
    static String apiHost(String registry) {
        return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    }
}
