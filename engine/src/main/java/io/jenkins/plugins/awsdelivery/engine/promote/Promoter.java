package io.jenkins.plugins.awsdelivery.engine.promote;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.registry.BlobPush;
import io.jenkins.plugins.awsdelivery.engine.registry.Descriptor;
import io.jenkins.plugins.awsdelivery.engine.registry.ImageManifest;
import io.jenkins.plugins.awsdelivery.engine.registry.MediaTypes;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryClient;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryException;
import io.jenkins.plugins.awsdelivery.engine.registry.RegistryTransport;
import io.jenkins.plugins.awsdelivery.engine.registry.RetryPolicy;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies an image from one repository to another keeping its digest: the manifest (or index and every child,
 * recursively) with its original bytes, and every blob they reference.
 *
 * <p>Order: blobs first (skipped when present, mounted within one registry, streamed otherwise, a few at a time),
 * then child manifests by digest, then the top manifest by digest, then its referrers (signatures, SBOMs, attestations;
 * see {@link ReferrerFinder} and {@link ReferrerWriter}), then the destination tag, last. Any failure therefore
 * leaves the destination tag where it was. {@code noClobber} refuses to move a tag that points at another digest;
 * {@code dryRun} only reads.
 *
 * <p>A hostile source cannot make it work without bound: indexes nest at most {@link #MAX_DEPTH} levels, an index
 * lists at most {@link #MAX_CHILDREN} manifests, and all manifests together hold at most {@link #MAX_MANIFEST_BYTES}.
 * An interrupted calling thread (an aborted build) cancels the upload sessions and ends in an
 * {@link OperationAbortedException}; the destination tag is not written then either.
 */
public final class Promoter {
    /** OCI images nest two levels (an index of image manifests); a few more leave room for nested indexes. */
    public static final int MAX_DEPTH = 5;
    /** Multi-platform images list a few dozen; this leaves room for attestations and many platforms. */
    public static final int MAX_CHILDREN = 1_000;

    public static final long MAX_MANIFEST_BYTES = 64L * 1024 * 1024;

    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    public PromoteResult promote(PromoteRequest request) {
        ImageReference source = request.source();
        ImageReference destination = request.destination();
        String what = "promoting " + source + " to " + destination;
        try (RegistryTransport transport = RegistryTransport.builder()
                .insecureRegistries(request.insecureRegistries())
                .sslContext(request.sslContext())
                .retryPolicy(request.retryPolicy())
                .events(request.events())
                .jdkClientForBlobs(request.jdkClientForBlobs())
                .build()) {
            return new Run(request, transport).execute();
        } catch (InvalidParameterException e) {
            throw e;
        } catch (OperationAbortedException e) {
            Thread.currentThread().interrupt();
            String stage = String.valueOf(e.getMessage()).replaceFirst(": aborted$", "");
            throw new OperationAbortedException(
                    what + " (" + stage + (request.dryRun() ? "" : "; the destination tag is unchanged") + ")", e);
        } catch (DeliveryException e) {
            throw new DeliveryException(
                    what + " failed: " + e.getMessage()
                            + (request.dryRun() ? "" : "; the destination tag is unchanged"),
                    e);
        }
    }

    /** One promotion's state. */
    private static final class Run {
        private final PromoteRequest request;
        private final EventSink events;
        private final RetryPolicy retryPolicy;
        private final RegistryClient source;
        private final RegistryClient destination;
        private final String mountFrom;
        private final List<ImageManifest> manifests = new ArrayList<>();
        private final Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        private final AtomicInteger copied = new AtomicInteger();
        private final AtomicInteger mounted = new AtomicInteger();
        private final AtomicInteger skipped = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        private long manifestBytes;
        private List<FoundReferrer> referrers = List.of();

        Run(PromoteRequest request, RegistryTransport transport) {
            this.request = request;
            this.events = request.events();
            this.retryPolicy = request.retryPolicy();
            ImageReference from = request.source();
            ImageReference to = request.destination();
            boolean sameRegistry = from.registry().equals(to.registry());
            this.mountFrom = sameRegistry && !from.repository().equals(to.repository()) ? from.repository() : null;
            this.source = RegistryClient.forPull(transport, from, request.sourceCredentials());
            this.destination = request.dryRun()
                    ? RegistryClient.forPull(transport, to, request.destinationCredentials())
                    : RegistryClient.forPush(
                            transport,
                            to,
                            request.destinationCredentials(),
                            mountFrom == null ? List.of() : List.of(mountFrom));
        }

        PromoteResult execute() {
            ImageReference from = request.source();
            ImageReference to = request.destination();
            ImageManifest top = source.pullManifest(from.reference());
            manifestBytes = top.size();
            collect(top, from.canonical(), new LinkedHashSet<>());
            if (to.digest().isPresent() && !to.digest().get().equals(top.digest())) {
                throw new InvalidParameterException(
                        "destination",
                        "names digest " + to.digest().get() + " but the source is " + top.digest()
                                + "; a promotion keeps the digest, so drop the digest or make them match");
            }
            String tag = to.tag().or(from::tag).orElse(null);
            ImageReference written = (tag == null ? to.withoutTag() : to.withTag(tag)).withDigest(top.digest());
            events.info((request.dryRun() ? "planning the promotion of " : "promoting ") + from + " (" + top.digest()
                    + ", " + manifests.size() + " manifest(s), " + blobs.size() + " blob(s)) to " + written);

            Optional<Digest> current = tag == null ? Optional.empty() : destination.manifestDigest(tag);
            if (request.noClobber() && current.isPresent() && !current.get().equals(top.digest())) {
                throw new DeliveryException("destination tag " + to.withTag(tag).withoutDigest() + " points at "
                        + current.get() + ", not " + top.digest()
                        + "; no-clobber refuses to move it (choose another tag or drop --no-clobber)");
            }

            if (!request.referrers().isNone()) {
                referrers = new ReferrerFinder(source, request.referrers(), events, manifestBytes)
                        .find(manifests.stream().map(ImageManifest::digest).toList());
                for (FoundReferrer referrer : referrers) {
                    referrer.children().forEach(child -> addBlobs(child));
                    addBlobs(referrer.manifest());
                }
            }

            copyBlobs();
            List<CopiedReferrer> copiedReferrers = new ArrayList<>();
            ReferrerWriter referrerWriter = new ReferrerWriter(destination, events);
            if (request.dryRun()) {
                referrers.forEach(referrer -> copiedReferrers.add(referrerWriter.plan(referrer)));
            } else {
                for (ImageManifest manifest : manifests) {
                    stopIfInterrupted("writing manifests");
                    if (manifest != top) {
                        destination.pushManifestIfAbsent(manifest);
                    }
                }
                stopIfInterrupted("writing manifests");
                // Referrers after their subjects and before the tag: a tag that users see has its signatures.
                if (tag == null || !referrers.isEmpty()) {
                    destination.pushManifestIfAbsent(top);
                }
                for (FoundReferrer referrer : referrers) {
                    stopIfInterrupted("writing referrers");
                    copiedReferrers.add(referrerWriter.write(referrer));
                }
                stopIfInterrupted("writing manifests");
                if (tag != null && !current.equals(Optional.of(top.digest()))) {
                    destination.pushManifest(top, tag);
                }
            }
            events.info((request.dryRun() ? "would promote " : "promoted ") + written + ": blobs copied "
                    + copied.get() + ", mounted " + mounted.get() + ", skipped " + skipped.get() + ", bytes copied "
                    + bytes.get());
            return new PromoteResult(
                    from.withDigest(top.digest()).canonical(),
                    written.canonical(),
                    top.digest(),
                    top.mediaType(),
                    manifests.size(),
                    copied.get(),
                    mounted.get(),
                    skipped.get(),
                    bytes.get(),
                    request.dryRun(),
                    copiedReferrers);
        }

        /** Children before parents, so that writing in list order never references a missing manifest. */
        private void collect(ImageManifest manifest, String name, Set<Digest> path) {
            if (!path.add(manifest.digest())) {
                throw new RegistryException("index " + name + " refers to itself through " + manifest.digest());
            }
            if (path.size() > MAX_DEPTH) {
                throw new RegistryException("index " + request.source().canonical() + " nests indexes more than "
                        + MAX_DEPTH + " levels deep; OCI images use two, refusing to follow further");
            }
            if (manifest.children().size() > MAX_CHILDREN) {
                throw new RegistryException("index " + name + " lists "
                        + manifest.children().size() + " manifests, more than the " + MAX_CHILDREN + " allowed");
            }
            for (Descriptor child : manifest.children()) {
                stopIfInterrupted("reading the source's manifests");
                if (child.mediaType() == null || !MediaTypes.isManifest(child.mediaType())) {
                    throw new RegistryException("index " + name + " lists " + child.digest() + " with media type "
                            + child.mediaType() + ", which cannot be copied; supported are "
                            + String.join(", ", MediaTypes.MANIFESTS));
                }
                ImageManifest pulled = source.pullManifest(child.digest().toString());
                manifestBytes += pulled.size();
                if (manifestBytes > MAX_MANIFEST_BYTES) {
                    throw new RegistryException("index " + request.source().canonical() + " has manifests of more than "
                            + MAX_MANIFEST_BYTES / (1024 * 1024) + " MiB in total, more than allowed");
                }
                if (!pulled.mediaType().equals(child.mediaType())) {
                    throw new RegistryException("index " + name + " lists " + child.digest() + " as "
                            + child.mediaType() + " but the registry serves it as " + pulled.mediaType());
                }
                if (manifests.stream().noneMatch(m -> m.digest().equals(pulled.digest()))) {
                    collect(pulled, name + " > " + child.digest(), path);
                }
            }
            addBlobs(manifest);
            path.remove(manifest.digest());
            manifests.add(manifest);
        }

        private void addBlobs(ImageManifest manifest) {
            for (Descriptor blob : manifest.blobs()) {
                if (MediaTypes.isNonDistributable(blob.mediaType())) {
                    // Like docker and crane: the manifest's urls keep pointing at where such a layer lives.
                    events.info("not copying non-distributable layer " + blob.digest() + " (" + blob.mediaType() + ")");
                    continue;
                }
                blobs.putIfAbsent(blob.digest(), blob);
            }
        }

        private void copyBlobs() {
            if (blobs.isEmpty()) {
                return;
            }
            ExecutorService executor =
                    Executors.newFixedThreadPool(Math.min(request.parallelism(), blobs.size()), runnable -> {
                        Thread thread = new Thread(runnable, "promote blob");
                        thread.setDaemon(true);
                        return thread;
                    });
            try {
                CompletionService<Void> copies = new ExecutorCompletionService<>(executor);
                for (Descriptor blob : blobs.values()) {
                    copies.submit(() -> {
                        copyBlob(blob);
                        return null;
                    });
                }
                // The first failure ends the promotion at once; the finally block cancels the other copies.
                for (int done = 0; done < blobs.size(); done++) {
                    copies.take().get();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new DeliveryException(String.valueOf(e.getCause().getMessage()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationAbortedException("copying blobs");
            } finally {
                stop(executor);
            }
        }

        /**
         * Interrupts the copies still running and waits for them: each cancels its upload session on the way out, and
         * that must happen before the failure is reported and the transport is closed.
         */
        private void stop(ExecutorService executor) {
            executor.shutdownNow();
            // An aborted build interrupts this thread too; the cancellations are still worth waiting for.
            boolean interrupted = Thread.interrupted();
            try {
                if (!executor.awaitTermination(CANCEL_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    events.warn("blob copies did not stop within " + CANCEL_WAIT.toSeconds()
                            + " s; their upload sessions expire on the registry");
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void stopIfInterrupted(String stage) {
            if (Thread.currentThread().isInterrupted()) {
                throw new OperationAbortedException(stage);
            }
        }

        private void copyBlob(Descriptor blob) {
            if (destination.blobExists(blob.digest())) {
                skipped.incrementAndGet();
                events.debug("blob " + blob.digest() + " already present");
                return;
            }
            if (request.dryRun()) {
                if (mountFrom != null) {
                    mounted.incrementAndGet();
                } else {
                    copied.incrementAndGet();
                    bytes.addAndGet(blob.size());
                }
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    BlobPush push = destination.pushBlob(blob, mountFrom, () -> source.openBlob(blob));
                    if (push == BlobPush.MOUNTED) {
                        mounted.incrementAndGet();
                        events.info("mounted blob " + blob.digest() + " from " + mountFrom);
                    } else {
                        copied.incrementAndGet();
                        bytes.addAndGet(blob.size());
                        events.info("copied blob " + blob.digest() + " (" + blob.size() + " bytes)");
                    }
                    return;
                } catch (IOException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new OperationAbortedException("copying blob " + blob.digest());
                    }
                    if (attempt >= retryPolicy.maxAttempts()) {
                        throw new RegistryException(
                                "copying blob " + blob.digest() + " failed after " + attempt + " attempts: "
                                        + e.getMessage(),
                                0,
                                e);
                    }
                    events.warn("copying blob " + blob.digest() + " failed (" + e.getMessage() + "); attempt "
                            + (attempt + 1) + " of " + retryPolicy.maxAttempts());
                    try {
                        retryPolicy.sleeper().sleep(retryPolicy.delayAfter(attempt, null));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new OperationAbortedException("copying blob " + blob.digest());
                    }
                }
            }
        }
    }
}
