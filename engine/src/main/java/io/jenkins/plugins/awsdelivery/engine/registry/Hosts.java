package io.jenkins.plugins.awsdelivery.engine.registry;

/** Facts about a registry's {@code host[:port]}. */
final class Hosts {
    private Hosts() {}

    /** The host the registry API is served from; Docker Hub's API is not on docker.io itself. */
    static String apiHost(String registry) {
        return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    }
}
