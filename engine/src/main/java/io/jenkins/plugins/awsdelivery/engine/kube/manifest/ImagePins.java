package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.reference.InvalidReferenceException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which image repositories to pin to which digests: NAME → {@code repository@sha256:…}. NAME and the images in the
 * manifests are compared after Docker normalisation, so {@code nginx} matches {@code docker.io/library/nginx:1.25}
 * and the reverse; NAME carries neither tag nor digest. Every REFERENCE must carry a digest: deploying a tag would
 * deploy whatever the tag points to at pull time, not the tested image.
 */
public final class ImagePins {
    private static final ImagePins NONE = new ImagePins(Map.of(), Map.of(), Map.of());

    /** Normalised repository name → the digest-pinned reference that replaces it. */
    private final Map<String, ImageReference> byName;
    /** Normalised repository name → NAME as the user wrote it, for the result and messages. */
    private final Map<String, String> given;
    /** Normalised repository name → REFERENCE exactly as the user wrote it: what goes into the manifests. */
    private final Map<String, String> written;

    private ImagePins(Map<String, ImageReference> byName, Map<String, String> given, Map<String, String> written) {
        this.byName = byName;
        this.given = given;
        this.written = written;
    }

    public static ImagePins none() {
        return NONE;
    }

    /** From {@code NAME=REFERENCE} strings as the CLI's {@code --image} takes them. */
    public static ImagePins parse(Collection<String> assignments) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0 || eq == assignment.length() - 1) {
                throw new InvalidParameterException(
                        "image", "\"" + assignment + "\" is not NAME=REFERENCE, e.g. app=123.dkr.ecr…/app@sha256:…");
            }
            if (map.put(assignment.substring(0, eq), assignment.substring(eq + 1)) != null) {
                throw new InvalidParameterException("image", assignment.substring(0, eq) + " is given twice");
            }
        }
        return of(map);
    }

    /** From a map NAME → REFERENCE, as the Pipeline step's {@code images} parameter gives it. */
    public static ImagePins of(Map<String, String> images) {
        Map<String, ImageReference> byName = new LinkedHashMap<>();
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        images.forEach((name, reference) -> {
            ImageReference repository = ImageReference.parse("image", name);
            if (repository.tag().isPresent() || repository.digest().isPresent()) {
                throw new InvalidParameterException(
                        "image",
                        "NAME \"" + name + "\" must be a repository without tag or digest, e.g. " + repository.name());
            }
            ImageReference pinned = ImageReference.parse("image", reference);
            if (pinned.digest().isEmpty()) {
                throw new InvalidParameterException(
                        "image",
                        name + "=" + reference + " has no digest; give the pushed image as repository@sha256:… so that"
                                + " exactly the tested image is deployed");
            }
            if (byName.put(repository.name(), pinned) != null) {
                throw new InvalidParameterException("image", name + " names the same repository as another NAME");
            }
            given.put(repository.name(), name);
            written.put(repository.name(), reference.strip());
        });
        return new ImagePins(Map.copyOf(byName), Map.copyOf(given), Map.copyOf(written));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The pinned reference for an image as written in a manifest, if its repository is one of the NAMEs. */
    public Optional<ImageReference> pinFor(String image) {
        return normalisedName(image).map(byName::get);
    }

    /** REFERENCE as written by the user, for an image whose repository is one of the NAMEs. */
    public Optional<String> replacementFor(String image) {
        return normalisedName(image).map(written::get);
    }

    /** The normalised names of all NAMEs. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** NAME as the user wrote it, for a normalised name. */
    public String givenName(String normalisedName) {
        return given.getOrDefault(normalisedName, normalisedName);
    }

    /** NAME (as given) → pinned reference, in a stable order, for results. */
    public Map<String, String> asMap() {
        Map<String, String> map = new java.util.TreeMap<>();
        byName.forEach((name, reference) -> map.put(given.get(name), written.get(name)));
        return map;
    }

    static Optional<String> normalisedName(String image) {
        try {
            return Optional.of(ImageReference.parse("image", image).name());
        } catch (InvalidReferenceException e) {
            // Not a reference we understand (e.g. a template placeholder): it matches no NAME and stays as written.
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
