package io.jenkins.plugins.awsdelivery.engine.registry;

/** How a blob got into a repository. */
public enum BlobPush {
    /** The registry linked it from another repository of its own; no content was sent. */
    MOUNTED,
    /** Its content was streamed to the registry. */
    UPLOADED
}
