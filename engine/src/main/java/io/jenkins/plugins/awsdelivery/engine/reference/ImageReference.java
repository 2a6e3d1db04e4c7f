package io.jenkins.plugins.awsdelivery.engine.reference;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference, {@code registry/repository[:tag][@digest]}, parsed per the distribution reference grammar and
 * normalised the way the docker CLI does it: no registry means {@code docker.io}, a one-part repository on Docker Hub
 * gets {@code library/}, and {@code index.docker.io} is {@code docker.io}. Never split a reference by hand: in
 * {@code host:5000/app:1.0} the first colon is a port.
 */
public final class ImageReference {
    public static final String DOCKER_HUB = "docker.io";

    static final int NAME_TOTAL_LENGTH_MAX = 255;
    static final int TAG_LENGTH_MAX = 128;

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    /** As distribution's ipv6address: hex digits and colons only, no zone and no dotted IPv4 tail ({@code ::ffff:1.2.3.4}). */
    private static final String IPV6_LITERAL = "\\[[a-fA-F0-9:]+\\]";

    private static final Pattern DOMAIN = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|" + IPV6_LITERAL + ")(?::[0-9]{1,5})?");
    /** distribution's anchoredIdentifierRegexp: what the docker CLI reads as an image ID, never as a repository. */
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(?:\\.[0-9]{1,3}){3}");

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;

    private ImageReference(String registry, String repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    public static ImageReference parse(String value) {
        return parse("reference", value);
    }

    /** Parses {@code value}; an error names {@code parameter}, the parameter the user wrote it in. */
    public static ImageReference parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidReferenceException(
                    parameter, "an image reference is required, such as registry.example.com/team/app:1.0");
        }
        if (IMAGE_ID.matcher(value).matches()) {
            throw invalid(
                    parameter,
                    value,
                    "is an invalid repository name: cannot specify 64-byte hexadecimal strings (they read as an image"
                            + " ID); to name an image by its digest write repository@sha256:<64 hex digits>");
        }
        String rest = value;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            if (rest.indexOf('@', at + 1) >= 0) {
                throw invalid(parameter, value, "has more than one '@'; a reference carries at most one digest");
            }
            digest = Digest.parse(parameter, rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            checkTag(parameter, value, tag);
        }
        if (rest.isEmpty()) {
            throw invalid(parameter, value, "has no repository name");
        }
        if (rest.length() > NAME_TOTAL_LENGTH_MAX) {
            throw invalid(
                    parameter,
                    value,
                    "has a name of " + rest.length() + " characters; the limit is " + NAME_TOTAL_LENGTH_MAX);
        }
        String registry = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0 && looksLikeRegistry(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            path = rest.substring(slash + 1);
            if (registry.startsWith("[") && !DOMAIN.matcher(registry).matches()) {
                throw invalid(
                        parameter,
                        value,
                        "has an invalid registry \"" + registry
                                + "\"; an IPv6 address in brackets holds hex digits and colons only (no zone such as"
                                + " %eth0, no dotted IPv4 part), e.g. [2001:db8::1]:5000");
            }
            if (!DOMAIN.matcher(registry).matches()) {
                throw invalid(
                        parameter,
                        value,
                        "has an invalid registry \"" + registry
                                + "\"; write it as host[:port], e.g. registry.example.com:5000");
            }
            if (registry.equals("index.docker.io")) {
                registry = DOCKER_HUB;
            }
        } else if (slash < 0 && rest.startsWith("[")) {
            throw invalid(parameter, value, "names a registry but no repository after it");
        }
        checkPath(parameter, value, path);
        if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = "library/" + path;
        }
        return new ImageReference(registry, path, tag, digest);
    }

    /** Docker's rule: the first component is a registry when it has a dot, a port, capitals, or is localhost. */
    private static boolean looksLikeRegistry(String first) {
        return first.contains(".")
                || first.contains(":")
                || first.startsWith("[")
                || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    }

    private static void checkPath(String parameter, String value, String path) {
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw invalid(parameter, value, "has an empty path component in \"" + path + "\"");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                String why = component.equals(component.toLowerCase(java.util.Locale.ROOT))
                        ? "may hold only a-z, 0-9 and single separators (. _ __ -) between them"
                        : "must be lower-case";
                throw invalid(parameter, value, "has an invalid repository component \"" + component + "\": it " + why);
            }
        }
    }

    private static void checkTag(String parameter, String value, String tag) {
        if (tag.isEmpty()) {
            throw invalid(parameter, value, "ends with ':' but has no tag after it");
        }
        if (tag.length() > TAG_LENGTH_MAX) {
            throw invalid(
                    parameter, value, "has a tag of " + tag.length() + " characters; the limit is " + TAG_LENGTH_MAX);
        }
        if (!TAG.matcher(tag).matches()) {
            throw invalid(
                    parameter,
                    value,
                    "has an invalid tag \"" + tag
                            + "\"; a tag is letters, digits, _ . - and does not start with . or -");
        }
    }

    private static InvalidReferenceException invalid(String parameter, String value, String why) {
        return new InvalidReferenceException(parameter, "image reference \"" + value + "\" " + why);
    }

    /** A reference from parts that are already valid, e.g. from a registry's answer; validated all the same. */
    public static ImageReference of(String registry, String repository, String tag, Digest digest) {
        StringBuilder text = new StringBuilder(registry).append('/').append(repository);
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return parse(text.toString());
    }

    /** Normalised {@code host[:port]}, e.g. {@code docker.io}, {@code localhost:5000}, {@code [::1]:5000}. */
    public String registry() {
        return registry;
    }

    /** The repository path inside the registry, e.g. {@code library/nginx}. */
    public String repository() {
        return repository;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** {@code registry/repository}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** {@code registry/repository[:tag][@digest]}, fully normalised. */
    public String canonical() {
        StringBuilder text = new StringBuilder(name());
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return text.toString();
    }

    /**
     * What names the manifest in {@code /v2/<repository>/manifests/<reference>}: the digest when there is one (a
     * digest wins over a tag), else the tag, else {@code latest}.
     */
    public String reference() {
        if (digest != null) {
            return digest.toString();
        }
        return tag != null ? tag : "latest";
    }

    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(registry, repository, tag, Objects.requireNonNull(newDigest));
    }

    public ImageReference withTag(String newTag) {
        checkTag("tag", newTag, Objects.requireNonNull(newTag));
        return new ImageReference(registry, repository, newTag, digest);
    }

    public ImageReference withoutTag() {
        return new ImageReference(registry, repository, null, digest);
    }

    public ImageReference withoutDigest() {
        return new ImageReference(registry, repository, tag, null);
    }

    /** Whether the registry is on this machine (localhost, 127.0.0.0/8, ::1); only those may be plain HTTP. */
    public boolean isLoopback() {
        return isLoopbackRegistry(registry);
    }

    /** Whether {@code host[:port]} names this machine; host names compare without regard to case. */
    public static boolean isLoopbackRegistry(String registry) {
        String host = registry.toLowerCase(java.util.Locale.ROOT);
        if (host.startsWith("[")) {
            host = host.substring(0, host.indexOf(']') + 1);
            return host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]");
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return host.equals("localhost") || LOOPBACK_V4.matcher(host).matches();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageReference r
                && r.registry.equals(registry)
                && r.repository.equals(repository)
                && Objects.equals(r.tag, tag)
                && Objects.equals(r.digest, digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
