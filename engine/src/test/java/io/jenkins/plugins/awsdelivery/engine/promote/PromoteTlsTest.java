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
import io.jenkins.plugins.awsdelivery.engine.testing.registry.Skopeo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A registry with TLS and basic auth, as ECR is: its certificate must be trusted, never silently accepted. */
class PromoteTlsTest {
    @RegisterExtension
    static final LocalRegistry tlsRegistry = new LocalRegistry().withTls().withBasicAuth("AWS", "token-123");

    @RegisterExtension
    static final LocalRegistry plainRegistry = new LocalRegistry();

    private final ImageFixtures images = new ImageFixtures(tlsRegistry);
    private final ImageFixtures plainImages = new ImageFixtures(plainRegistry);

    @Test
    void promote_whenRegistryCertificateIsTrusted_copiesOverTls() {
        PushedImage image = images.pushOciImage("dev/api", "1.0", 2, 10_000);

        PromoteResult result = new Promoter()
                .promote(request().sslContext(tlsRegistry.sslContext()).build());

        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(images.tagDigest("prod/api", "1.0")).contains(image.digest());
    }

    @Test
    void promote_fromATlsRegistryToAnother_streamsEveryBlobOverTls() {
        // Another registry: blobs are read over TLS and uploaded, not mounted within one registry.
        PushedImage image = images.pushOciImage("dev/web", "1.0", 3, 300_000);

        PromoteResult result = new Promoter()
                .promote(request()
                        .source(ImageReference.parse(tlsRegistry.reference("dev/web:1.0")))
                        .destination(ImageReference.parse(plainRegistry.reference("prod/web:1.0")))
                        .destinationCredentials(RegistryCredentialProvider.anonymous())
                        .sslContext(tlsRegistry.sslContext())
                        .build());

        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(result.blobsCopied()).isEqualTo(4);
        assertThat(Skopeo.digest(plainRegistry.reference("prod/web:1.0")))
                .isEqualTo(image.digest().toString());
    }

    @Test
    void promote_toATlsRegistry_uploadsEveryBlobOverTls() {
        PushedImage image = plainImages.pushOciImage("dev/batch", "1.0", 3, 300_000);

        PromoteResult result = new Promoter()
                .promote(request()
                        .source(ImageReference.parse(plainRegistry.reference("dev/batch:1.0")))
                        .sourceCredentials(RegistryCredentialProvider.anonymous())
                        .destination(ImageReference.parse(tlsRegistry.reference("prod/batch:1.0")))
                        .sslContext(tlsRegistry.sslContext())
                        .build());

        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(result.blobsCopied()).isEqualTo(4);
        assertThat(Skopeo.digest(tlsRegistry.reference("prod/batch:1.0"), "--creds", "AWS:token-123"))
                .isEqualTo(image.digest().toString());
    }

    @Test
    void promote_whenRegistryCertificateIsNotTrusted_failsSayingSoInsteadOfFallingBackToHttp() {
        images.pushOciImage("dev/api", "2.0", 1, 1_000);

        assertThatThrownBy(() -> new Promoter()
                        .promote(request()
                                .source(ImageReference.parse(tlsRegistry.reference("dev/api:2.0")))
                                .build()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("TLS certificate of " + tlsRegistry.hostPort() + " is not trusted");
    }

    private PromoteRequest.Builder request() {
        RegistryCredentialProvider credentials =
                RegistryCredentialProvider.of(RegistryCredential.basic("AWS", "token-123"));
        return PromoteRequest.builder()
                .source(ImageReference.parse(tlsRegistry.reference("dev/api:1.0")))
                .destination(ImageReference.parse(tlsRegistry.reference("prod/api:1.0")))
                .sourceCredentials(credentials)
                .destinationCredentials(credentials);
    }
}
