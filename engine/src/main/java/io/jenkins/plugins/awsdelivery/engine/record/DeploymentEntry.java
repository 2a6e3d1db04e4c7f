package io.jenkins.plugins.awsdelivery.engine.record;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deployment ({@code eksDeploy}, {@code ecsDeploy}, {@code cfnDeploy}): where it went, the objects it changed with
 * their revisions, how it ended, what was rolled back, and the image digests it deployed.
 */
public final class DeploymentEntry extends RecordEntry {
    private static final long serialVersionUID = 1L;

    private final DeploymentTarget target;
    private final ArrayList<DeployedResource> resources;
    private final DeploymentOutcome outcome;
    private final ArrayList<DeployedResource> rolledBack;
    private final LinkedHashMap<String, String> images;
    private final ArrayList<String> digests;

    private DeploymentEntry(Builder b) {
        super(b.time);
        if (b.target == null) {
            throw new InvalidParameterException("target", "a deployment needs its target (cluster, service or stack)");
        }
        if (b.outcome == null) {
            throw new InvalidParameterException(
                    "outcome", "a deployment needs its outcome: SUCCEEDED, FAILED, ROLLED_BACK or DRY_RUN");
        }
        this.target = b.target;
        this.resources = Values.copyOf("resources", b.resources);
        this.outcome = b.outcome;
        this.rolledBack = Values.copyOf("rolledBack", b.rolledBack);
        this.images = Values.copyOf("images", b.images);
        this.digests = new ArrayList<>(b.digests);
    }

    public static Builder builder() {
        return new Builder();
    }

    static DeploymentEntry fromMap(Fields fields) {
        Builder builder = builder()
                .time(fields.time())
                .target(DeploymentTarget.fromMap(fields.object("target")))
                .outcome(outcome(fields.requiredString("outcome")))
                .images(fields.stringMap("images"));
        fields.objects("resources").forEach(r -> builder.resource(DeployedResource.fromMap(r)));
        fields.objects("rolledBack").forEach(r -> builder.rolledBack(DeployedResource.fromMap(r)));
        fields.strings("digests").forEach(builder::digest);
        return builder.build();
    }

    private static DeploymentOutcome outcome(String name) {
        try {
            return DeploymentOutcome.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "outcome", "\"" + name + "\" is not SUCCEEDED, FAILED, ROLLED_BACK or DRY_RUN");
        }
    }

    @Override
    public String type() {
        return "deployment";
    }

    public DeploymentTarget target() {
        return target;
    }

    public List<DeployedResource> resources() {
        return Collections.unmodifiableList(resources);
    }

    public DeploymentOutcome outcome() {
        return outcome;
    }

    /** The objects put back to their previous revision after a failure; empty otherwise. */
    public List<DeployedResource> rolledBack() {
        return Collections.unmodifiableList(rolledBack);
    }

    /** Image name (Kubernetes) or container name (ECS) → the reference deployed, with its digest. */
    public Map<String, String> images() {
        return Collections.unmodifiableMap(images);
    }

    /** Every image digest the deployment put in place, in the order first named. */
    public List<Digest> digests() {
        return digests.stream().map(Digest::parse).toList();
    }

    public boolean deployed(Digest digest) {
        return digests.contains(digest.toString());
    }

    /**
     * Where each deployed digest now runs: a place ("cluster staging, namespace shop, image shop/web") → digest. A
     * digest given without an image (a stack parameter) occupies the whole target.
     */
    Map<String, String> placements() {
        Map<String, String> placements = new LinkedHashMap<>();
        Set<String> fromImages = new HashSet<>();
        images.forEach(
                (name, reference) -> ImageReference.parse(reference).digest().ifPresent(d -> {
                    placements.put(target.describe() + ", image " + name, d.toString());
                    fromImages.add(d.toString());
                }));
        for (String digest : digests) {
            if (!fromImages.contains(digest)) {
                placements.put(target.describe(), digest);
            }
        }
        return placements;
    }

    @Override
    void putFields(Map<String, Object> map) {
        map.put("target", target.toMap());
        map.put("outcome", outcome.name());
        map.put("resources", resources.stream().map(DeployedResource::toMap).toList());
        map.put("rolledBack", rolledBack.stream().map(DeployedResource::toMap).toList());
        map.put("images", new LinkedHashMap<>(images));
        map.put("digests", new ArrayList<>(digests));
    }

    public static final class Builder {
        private Instant time;
        private DeploymentTarget target;
        private final List<DeployedResource> resources = new ArrayList<>();
        private DeploymentOutcome outcome;
        private final List<DeployedResource> rolledBack = new ArrayList<>();
        private final Map<String, String> images = new LinkedHashMap<>();
        private final LinkedHashSet<String> digests = new LinkedHashSet<>();

        private Builder() {}

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder target(DeploymentTarget target) {
            this.target = target;
            return this;
        }

        public Builder resource(DeployedResource resource) {
            resources.add(resource);
            return this;
        }

        public Builder resources(Collection<DeployedResource> resources) {
            this.resources.addAll(resources);
            return this;
        }

        public Builder outcome(DeploymentOutcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder rolledBack(DeployedResource resource) {
            rolledBack.add(resource);
            return this;
        }

        public Builder rolledBack(Collection<DeployedResource> resources) {
            rolledBack.addAll(resources);
            return this;
        }

        /**
         * An image the deployment pinned: {@code name} is the image name in the manifests or the ECS container name,
         * {@code reference} what it now runs. A digest in the reference is added to {@link #digest(String)}'s list.
         */
        public Builder image(String name, String reference) {
            Values.required("images", name);
            ImageReference.parse("images", reference).digest().ifPresent(d -> digests.add(d.toString()));
            images.put(name, reference);
            return this;
        }

        public Builder images(Map<String, String> images) {
            images.forEach(this::image);
            return this;
        }

        /** A digest deployed that no image reference shows (a stack parameter, for example). */
        public Builder digest(String digest) {
            digests.add(Values.digest("digests", digest));
            return this;
        }

        public DeploymentEntry build() {
            return new DeploymentEntry(this);
        }
    }
}
