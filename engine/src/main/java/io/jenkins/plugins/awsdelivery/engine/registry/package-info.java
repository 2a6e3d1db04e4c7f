/**
 * An OCI distribution client over {@code java.net.http}. {@link
 * io.jenkins.plugins.awsdelivery.engine.registry.RegistryClient} is the facade for one repository; each protocol
 * stage is a small package-private class naming its HTTP verb and route ({@code ManifestPuller}, {@code
 * ManifestPusher}, {@code BlobChecker}, {@code BlobMounter}, {@code BlobUploader}, {@code BlobDownloader}, {@code
 * TokenAuthenticator}); {@code RegistryHttp} holds the conversation with one registry (scheme, authentication,
 * retries). {@link io.jenkins.plugins.awsdelivery.engine.registry.RegistryTransport} is shared by the clients of one
 * operation: HTTP client, TLS trust, insecure registries, {@link
 * io.jenkins.plugins.awsdelivery.engine.registry.RetryPolicy}.
 */
package io.jenkins.plugins.awsdelivery.engine.registry;
