/**
 * Real registries for tests, reusable by every package.
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry}: Debian's
 *       {@code docker-registry} on a free loopback port with temporary storage, as a JUnit 5 extension
 *       ({@code @RegisterExtension static final LocalRegistry registry = new LocalRegistry();}) or standalone
 *       ({@code start()}/{@code close()}). Options before start: {@code withBasicAuth(user, password)} (htpasswd),
 *       {@code withTokenAuth(user, password)} (bearer tokens from a {@link
 *       io.jenkins.plugins.awsdelivery.engine.testing.registry.TokenServer}), {@code withTls()} (self-signed
 *       certificate; {@code sslContext()} and {@code certificate()} trust it), {@code withForeignLayers()}.
 *       Accessors: {@code hostPort()}, {@code url()}, {@code reference("repo:tag")}, {@code storage()},
 *       {@code storageBytes()}.
 *   <li>{@link io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures}: pushes images over plain HTTP
 *       requests, independently of the code under test: Docker v2 and OCI images with random layers, a two-platform
 *       OCI index, non-canonical manifest JSON, streamed layers of any size; reads tags, manifests and blobs back.
 *   <li>{@link io.jenkins.plugins.awsdelivery.engine.testing.registry.TcpProxy}: a loopback TCP proxy that counts
 *       bytes per direction, cuts connections after N bytes, or answers new connections with a canned status.
 * </ul>
 */
package io.jenkins.plugins.awsdelivery.engine.testing.registry;
