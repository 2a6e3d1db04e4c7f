package io.jenkins.plugins.awsdelivery.engine.docker;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryClient;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredential;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryException;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryTransport;

/**
 * Asks a registry whether it still accepts a login, through the registry client and so with the operation's
 * {@link RegistryTransport} (trust, insecure registries, timeouts): a {@code HEAD} of the tag about to be pushed with
 * that login alone, where 401 means no. A missing tag, or no answer at all, counts as accepted: the push itself then
 * reports what is wrong.
 */
final class RegistryLoginCheck {
    private final RegistryTransport transport;

    RegistryLoginCheck(RegistryTransport transport) {
        this.transport = transport;
    }

    boolean accepts(ImageReference image, RegistryCredential login) {
        RegistryClient client = RegistryClient.forPull(transport, image, RegistryCredentialProvider.of(login));
        try {
            client.manifestDigest(image.tag().orElseThrow());
            return true;
        } catch (RegistryException e) {
            return e.statusCode() != 401;
        }
    }
}
