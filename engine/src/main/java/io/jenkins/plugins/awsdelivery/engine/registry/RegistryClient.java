package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The OCI distribution API of one repository on one registry, for one credential. Thread-safe: blobs may be pushed
 * in parallel. Create it with {@link #forPull} (token scope {@code pull}) or {@link #forPush} ({@code pull,push},
 * plus {@code pull} on the repositories blobs may be mounted from).
 */
public final class RegistryClient {
    private final RegistryHttp http;
    private final String repository;
    private final ManifestPuller manifestPuller;
    private final ManifestPusher manifestPusher;
    private final BlobChecker blobChecker;
    private final BlobDownloader blobDownloader;
    private final BlobMounter blobMounter;
    private final BlobUploader blobUploader;
    private final ReferrersLister referrersLister;
    private final ReferrerPusher referrerPusher;

    private RegistryClient(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
        this.manifestPuller = new ManifestPuller(http, repository);
        this.manifestPusher = new ManifestPusher(http, repository);
        this.blobChecker = new BlobChecker(http, repository);
        this.blobDownloader = new BlobDownloader(http, repository);
        this.blobMounter = new BlobMounter(http, repository);
        this.blobUploader = new BlobUploader(http, repository);
        this.referrersLister = new ReferrersLister(http, repository);
        this.referrerPusher = new ReferrerPusher(manifestPusher);
    }

    public static RegistryClient forPull(
            RegistryTransport transport, ImageReference image, RegistryCredentialProvider credentials) {
        return new RegistryClient(
                new RegistryHttp(
                        transport,
                        image.registry(),
                        credentials,
                        List.of("repository:" + image.repository() + ":pull")),
                image.repository());
    }

    /**
     * @param mountSources repositories on the same registry that blobs may be mounted from
     */
    public static RegistryClient forPush(
            RegistryTransport transport,
            ImageReference image,
            RegistryCredentialProvider credentials,
            Collection<String> mountSources) {
        List<String> scopes = new ArrayList<>();
        scopes.add("repository:" + image.repository() + ":pull,push");
        mountSources.stream()
                .filter(source -> !source.equals(image.repository()))
                .forEach(source -> scopes.add("repository:" + source + ":pull"));
        return new RegistryClient(
                new RegistryHttp(transport, image.registry(), Objects.requireNonNull(credentials), scopes),
                image.repository());
    }

    public String registry() {
        return http.registry();
    }

    public String repository() {
        return repository;
    }

    /** Reads a manifest by tag or digest; by digest, the content is verified against it. */
    public ImageManifest pullManifest(String reference) {
        return manifestPuller.pull(reference);
    }

    /** {@link #pullManifest}, or empty when the registry has no such tag or digest. */
    public Optional<ImageManifest> pullManifestIfPresent(String reference) {
        return manifestPuller.pullIfPresent(reference);
    }

    /** The digest a tag or digest currently resolves to, or empty when absent ({@code HEAD}). */
    public Optional<Digest> manifestDigest(String reference) {
        return manifestPuller.head(reference);
    }

    /** Writes the manifest's original bytes under a tag or its digest. */
    public void pushManifest(ImageManifest manifest, String reference) {
        manifestPusher.push(manifest, reference);
    }

    /** Writes the manifest's original bytes under its digest unless the registry already has it ({@code HEAD} first). */
    public void pushManifestIfAbsent(ImageManifest manifest) {
        String digest = manifest.digest().toString();
        if (manifestDigest(digest).isEmpty()) {
            pushManifest(manifest, digest);
        }
    }

    /**
     * The manifests that refer to {@code subject}, through the OCI 1.1 referrers API; empty when the registry does not
     * serve that API. {@code artifactType} (null: all) is a hint the registry may ignore.
     */
    public Optional<List<Referrer>> referrers(Digest subject, String artifactType) {
        return referrersLister.list(subject, artifactType);
    }

    /**
     * Writes a manifest carrying a {@code subject} by its digest.
     *
     * @return true when the registry indexed it for the referrers API ({@code OCI-Subject}); false when the caller must
     *     list it in the referrers tag schema
     */
    public boolean pushReferrer(ImageManifest manifest, Digest subject) {
        return referrerPusher.push(manifest, subject);
    }

    public boolean blobExists(Digest digest) {
        return blobChecker.exists(digest);
    }

    /**
     * Opens a blob for streaming. The stream fails with an {@link IOException} when the content does not match the
     * descriptor's digest and size (before handing over its last byte), or when no byte arrives for the stall timeout.
     */
    public InputStream openBlob(Descriptor blob) throws IOException {
        return blobDownloader.open(blob);
    }

    /**
     * Puts a blob into this repository: mounted from {@code mountFrom} on the same registry when that is not null and
     * the registry agrees, otherwise uploaded from {@code source} (opened only then). A failed upload cancels its
     * session.
     *
     * @throws IOException when reading the source or the connection failed; another attempt may succeed
     * @throws RegistryException when the registry refused, or the content did not match the descriptor
     */
    public BlobPush pushBlob(Descriptor blob, String mountFrom, BlobSource source) throws IOException {
        URI session;
        if (mountFrom != null) {
            Optional<URI> opened = blobMounter.mount(blob.digest(), mountFrom);
            if (opened.isEmpty()) {
                return BlobPush.MOUNTED;
            }
            session = opened.get();
        } else {
            session = blobUploader.start(blob);
        }
        try {
            blobUploader.upload(session, blob, source);
        } catch (BlobVerificationException e) {
            throw new RegistryException(e.getMessage(), 0, e);
        }
        return BlobPush.UPLOADED;
    }

    @Override
    public String toString() {
        return "RegistryClient{" + http.registry() + "/" + repository + "}";
    }
}
