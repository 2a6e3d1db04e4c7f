package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.util.Locale;

/** Facts about a registry's {@code host[:port]}. */
final class Hosts {
    private Hosts() {}

    /** localhost, 127.0.0.0/8 or ::1. */
    static boolean isLoopback(String registry) {
        return ImageReference.isLoopbackRegistry(registry.toLowerCase(Locale.ROOT));
    }

    /** The host the registry API is served from; Docker Hub's API is not on docker.io itself. */
    static String apiHost(String registry) {
        return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    }
}
