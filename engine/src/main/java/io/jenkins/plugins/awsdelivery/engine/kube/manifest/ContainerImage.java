package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

/**
 * A container's image in a workload after rendering: {@code image} is what the manifest now says, {@code pinned} is
 * whether it was replaced by a pin, {@code init} whether it is an initContainer.
 */
public record ContainerImage(String container, String image, boolean init, boolean pinned) {}
