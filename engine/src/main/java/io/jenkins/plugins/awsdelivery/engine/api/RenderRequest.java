package io.jenkins.plugins.awsdelivery.engine.api;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pin images in manifests without a cluster: every container and initContainer image of a workload whose repository is
 * one of the {@link Builder#images} names becomes that reference (with a digest); everything else stays as written.
 */
public final class RenderRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> manifests;
    private final LinkedHashMap<String, String> images;
    private final String namespace;
    private final ParameterNames names;

    private RenderRequest(Builder b) {
        this.manifests = new ArrayList<>(b.manifests);
        this.images = new LinkedHashMap<>(b.images);
        this.namespace = b.namespace;
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> manifests() {
        return List.copyOf(manifests);
    }

    public Map<String, String> images() {
        return new LinkedHashMap<>(images);
    }

    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    public ParameterNames names() {
        return names;
    }

    @Override
    public String toString() {
        return "RenderRequest{manifests=" + manifests + ", images=" + images + ", namespace=" + namespace + "}";
    }

    public static final class Builder {
        private final List<String> manifests = new ArrayList<>();
        private final Map<String, String> images = new LinkedHashMap<>();
        private String namespace;
        private ParameterNames names = ParameterNames.pipeline();

        private Builder() {}

        /** Files, folders or patterns, relative to the working directory. */
        public Builder manifests(List<String> paths) {
            this.manifests.clear();
            if (paths != null) {
                this.manifests.addAll(paths);
            }
            return this;
        }

        /** NAME → a reference with a digest. */
        public Builder images(Map<String, String> images) {
            this.images.clear();
            if (images != null) {
                this.images.putAll(images);
            }
            return this;
        }

        /** For namespaced objects that name none. */
        public Builder namespace(String namespace) {
            this.namespace = namespace == null || namespace.isBlank() ? null : namespace;
            return this;
        }

        public Builder names(ParameterNames names) {
            this.names = names;
            return this;
        }

        public RenderRequest build() {
            if (manifests.isEmpty() || manifests.stream().anyMatch(m -> m == null || m.isBlank())) {
                throw new InvalidParameterException(
                        names.of("manifests"), "name at least one manifest file, folder or pattern, e.g. k8s/");
            }
            if (images.isEmpty()) {
                throw new InvalidParameterException(
                        names.of("images"), "name at least one image to pin, e.g. shop/web=…/shop/web@sha256:…");
            }
            return new RenderRequest(this);
        }
    }
}
