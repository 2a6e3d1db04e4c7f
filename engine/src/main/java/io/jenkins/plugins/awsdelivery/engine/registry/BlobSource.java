package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.IOException;
import java.io.InputStream;

/** Opens the content of a blob when it is needed; called again for each attempt of an upload. */
@FunctionalInterface
public interface BlobSource {
    InputStream open() throws IOException;
}
