package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredential;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryCredentialProvider;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A registry that wants bearer tokens: the client gets them from the realm it names, with the right scopes. */
class PromoteTokenAuthTest {
    @RegisterExtension
    static final LocalRegistry plainRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry tokenRegistry = new LocalRegistry().withTokenAuth("robot", "robot-secret");

    private static final AtomicInteger repositories = new AtomicInteger();

    private final String repository = "team/tok" + repositories.incrementAndGet();
    private final RegistryCredentialProvider robot =
            RegistryCredentialProvider.of(RegistryCredential.basic("robot", "robot-secret"));

    @Test
    void promote_intoTokenRegistry_getsAPushTokenAndKeepsDigest() {
        PushedImage image = new ImageFixtures(plainRegistry).pushOciImage(repository, "1.0", 2, 5_000);

        PromoteResult result = new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(image.reference()))
                        .destination(ImageReference.parse(tokenRegistry.reference(repository + ":1.0")))
                        .destinationCredentials(robot)
                        .build());

        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(new ImageFixtures(tokenRegistry).tagDigest(repository, "1.0"))
                .contains(image.digest());
        assertThat(tokenRegistry.tokenServer().scopeRequests()).contains("repository:" + repository + ":pull,push");
    }

    @Test
    void promote_withinTokenRegistry_asksForPullOnTheSourceAndMounts() {
        PushedImage image = new ImageFixtures(tokenRegistry).pushDockerImage("dev/" + repository, "1.0", 2, 5_000);

        PromoteResult result = new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(image.reference()))
                        .destination(ImageReference.parse(tokenRegistry.reference("prod/" + repository + ":1.0")))
                        .sourceCredentials(robot)
                        .destinationCredentials(robot)
                        .build());

        assertThat(result.blobsMounted()).isEqualTo(3);
        assertThat(result.bytesCopied()).isZero();
        assertThat(tokenRegistry.tokenServer().scopeRequests())
                .contains("repository:prod/" + repository + ":pull,push", "repository:dev/" + repository + ":pull");
    }

    @Test
    void promote_whenTokenServiceRejectsThePassword_failsSayingSo() {
        PushedImage image = new ImageFixtures(plainRegistry).pushOciImage(repository, "1.0", 1, 1_000);

        assertThatThrownBy(() -> new Promoter()
                        .promote(PromoteRequest.builder()
                                .source(ImageReference.parse(image.reference()))
                                .destination(ImageReference.parse(tokenRegistry.reference(repository + ":1.0")))
                                .destinationCredentials(
                                        RegistryCredentialProvider.of(RegistryCredential.basic("robot", "wrong")))
                                .build()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("token service of " + tokenRegistry.hostPort() + " refused the credentials")
                .hasMessageContaining("user robot")
                .message()
                .doesNotContain("wrong");
    }
}
