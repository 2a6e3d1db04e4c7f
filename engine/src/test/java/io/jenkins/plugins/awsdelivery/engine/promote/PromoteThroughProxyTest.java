package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.Skopeo;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.TcpProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A JVM whose proxy settings name an HTTP proxy for the destination (as a Jenkins agent behind a corporate proxy
 * has): blob uploads go through it too, not around it. The proxy is a TCP forwarder in front of the registry; the
 * registry answers requests in absolute form, as RFC 9112 section 3.2.2 requires of servers.
 */
class PromoteThroughProxyTest {
    private static final int LAYER = 400_000;

    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    private final TcpProxy proxy = TcpProxy.to(destinationRegistry.port());
    private final ProxySelector jvmDefault = ProxySelector.getDefault();

    @AfterEach
    void restore() {
        ProxySelector.setDefault(jvmDefault);
        proxy.close();
    }

    @Test
    void promote_whenTheJvmNamesAProxyForTheDestination_uploadsTheBlobsThroughIt() {
        PushedImage image = new ImageFixtures(sourceRegistry).pushOciImage("team/proxied", "1.0", 2, LAYER);
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return uri.getPort() == destinationRegistry.port()
                        ? List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())))
                        : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {}
        });

        PromoteResult result = new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(sourceRegistry.reference("team/proxied:1.0")))
                        .destination(ImageReference.parse(destinationRegistry.reference("team/proxied:1.0")))
                        .build());

        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(result.blobsCopied()).isEqualTo(3);
        assertThat(proxy.bytesFromClients()).as("bytes sent through the proxy").isGreaterThan(2L * LAYER);
        assertThat(Skopeo.digest(destinationRegistry.reference("team/proxied:1.0")))
                .isEqualTo(image.digest().toString());
    }
}
