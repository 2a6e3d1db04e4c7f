package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How every registry call of an operation connects (push, its digest read-back, promote): extra certificates to trust
 * (a PEM file, for a private CA) and the registries that may be reached over plain HTTP. Loopback registries always
 * may; TLS is verified everywhere else.
 */
public final class RegistryAccess implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final RegistryAccess DEFAULTS = new RegistryAccess(null, List.of());

    private final String caFile;
    private final ArrayList<String> insecureRegistries;

    private RegistryAccess(String caFile, Collection<String> insecureRegistries) {
        this.caFile = caFile == null || caFile.isBlank() ? null : caFile;
        this.insecureRegistries = new ArrayList<>(insecureRegistries);
    }

    public static RegistryAccess defaults() {
        return DEFAULTS;
    }

    /**
     * @param caFile a PEM file with certificates to trust besides the JDK's authorities, relative to the working
     *     directory; null for none
     * @param insecureRegistries {@code host:port} of registries that may be plain HTTP
     */
    public static RegistryAccess of(String caFile, Collection<String> insecureRegistries) {
        return new RegistryAccess(caFile, insecureRegistries == null ? List.of() : insecureRegistries);
    }

    public Optional<String> caFile() {
        return Optional.ofNullable(caFile);
    }

    public List<String> insecureRegistries() {
        return List.copyOf(insecureRegistries);
    }

    @Override
    public String toString() {
        return "RegistryAccess{caFile=" + caFile + ", insecureRegistries=" + insecureRegistries + "}";
    }
}
