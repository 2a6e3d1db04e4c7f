package io.jenkins.plugins.awsdelivery.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An expired credential (an ECR token after 12 h) is refreshed once after the registry's 401, then used. */
class RegistryCredentialRefreshTest {
    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry().withBasicAuth("AWS", "fresh-token");

    @Test
    void pullManifest_whenCredentialIsRejected_asksTheProviderOnceForAFreshOneAndSucceeds() {
        PushedImage image = new ImageFixtures(registry).pushOciImage("team/ecr", "1.0", 1, 100);
        AtomicInteger refreshes = new AtomicInteger();
        RegistryCredentialProvider provider = new RegistryCredentialProvider() {
            @Override
            public RegistryCredential credential() {
                return RegistryCredential.basic("AWS", "expired-token");
            }

            @Override
            public RegistryCredential refreshedCredential() {
                refreshes.incrementAndGet();
                return RegistryCredential.basic("AWS", "fresh-token");
            }
        };
        RegistryClient client = RegistryClient.forPush(
                RegistryTransport.defaults(),
                ImageReference.parse(registry.reference("team/ecr")),
                provider,
                List.of());

        ImageManifest manifest = client.pullManifest("1.0");

        assertThat(manifest.digest()).isEqualTo(image.digest());
        assertThat(refreshes.get()).isEqualTo(1);
    }
}
