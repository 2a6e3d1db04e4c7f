/**
 * An OCI distribution client over {@code java.net.http}, except for blob bodies: those stream over connections of
 * their own ({@code SocketHttp}, HTTP/1.1 on the calling thread, one buffer per transfer) unless the JVM's proxy
 * selector names a proxy for the URL. {@link
 * io.jenkins.plugins.awsdelivery.engine.registry.RegistryClient} is the facade for one repository; each protocol
 * stage is a small package-private class naming its HTTP verb and route ({@code ManifestPuller}, {@code
 * ManifestPusher}, {@code BlobChecker}, {@code BlobMounter}, {@code BlobUploader}, {@code BlobDownloader}, {@code
 * TokenAuthenticator}); {@code RegistryHttp} holds the conversation with one registry (scheme, authentication,
 * retries). {@link io.jenkins.plugins.awsdelivery.engine.registry.RegistryTransport} is shared by the clients of one
 * operation: HTTP client, TLS trust, insecure registries, {@link
 * io.jenkins.plugins.awsdelivery.engine.registry.RetryPolicy}.
 */
package io.jenkins.plugins.awsdelivery.engine.registry;
