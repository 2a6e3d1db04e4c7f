package io.jenkins.plugins.awsdelivery.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ContainerImage;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.Manifest;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ManifestLoader;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ManifestRenderer;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.RenderedManifest;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.WorkloadKinds;
import io.jenkins.plugins.awsdelivery.engine.kube.rollout.Rollback;
import io.jenkins.plugins.awsdelivery.engine.kube.rollout.RolloutFailedException;
import io.jenkins.plugins.awsdelivery.engine.kube.rollout.RolloutWaiter;
import io.jenkins.plugins.awsdelivery.engine.kube.rollout.Workload;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deploys manifests to a namespace: loads and renders them (digest pins, namespace), ensures the namespace,
 * server-side applies every object in dependency order with the field manager {@value #FIELD_MANAGER}, waits for
 * every Deployment, StatefulSet and DaemonSet to roll out, and on failure optionally rolls the changed workloads
 * back as {@code kubectl rollout undo} does. A dry run sends every object with the server's {@code dryRun=All} and changes nothing.
 */
public final class Deployer {
    public static final String FIELD_MANAGER = "aws-container-delivery";

    private final EventSink events;
    private final Clock clock;

    public Deployer(EventSink events) {
        this(events, Clock.systemUTC());
    }

    Deployer(EventSink events, Clock clock) {
        this.events = Objects.requireNonNull(events);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * @throws DeployFailedException when a rollout failed (after the rollback, when asked for)
     * @throws InvalidParameterException for manifests or parameters that are wrong, before anything is applied
     * @throws OperationAbortedException when the calling thread is interrupted while applying or waiting; watches and
     *     the client are closed, nothing is rolled back, and the thread's interrupt flag stays set
     */
    public DeployResult deploy(DeployRequest request) {
        List<Manifest> manifests = ManifestLoader.loader()
                .followSymlinks(request.followSymlinks())
                .loadAll(request.manifests(), request.baseDirectory());
        List<RenderedManifest> rendered =
                ApplyOrder.sort(ManifestRenderer.render(manifests, request.images(), request.namespace()));
        for (RenderedManifest manifest : rendered) {
            if (manifest.namespace() != null && !manifest.namespace().equals(request.namespace())) {
                throw new InvalidParameterException(
                        "namespace",
                        manifest.manifest().location() + ": " + manifest.displayName() + " names namespace "
                                + manifest.namespace() + ", not " + request.namespace()
                                + "; remove metadata.namespace from the manifest or deploy to " + manifest.namespace());
            }
        }
        String cluster = request.connection().displayName();
        String prefix = request.dryRun() ? "[dry run] " : "";
        try (KubernetesClient client = request.connection().connect(request.connectTimeout())) {
            boolean namespaceIsNew = ensureNamespace(client, request, prefix);
            List<AppliedResource> applied = new ArrayList<>();
            List<Workload> workloads = new ArrayList<>();
            Map<String, Long> generationBefore = new HashMap<>();
            Map<String, Boolean> changed = new LinkedHashMap<>();
            for (RenderedManifest manifest : rendered) {
                if (Thread.currentThread().isInterrupted()) {
                    throw aborted(request, "before applying " + manifest.displayName(), null);
                }
                HasMetadata object = client.getKubernetesSerialization().unmarshal(manifest.text());
                HasMetadata before =
                        namespaceIsNew && request.dryRun() ? null : existing(client, object, manifest, request);
                HasMetadata after;
                try {
                    after = apply(client, object, manifest, request);
                } catch (NamespaceMissingInDryRun e) {
                    // A real API server refuses a dry run into a namespace that the same dry run did not create.
                    events.info(prefix + manifest.displayName() + " checked locally only: namespace "
                            + request.namespace() + " does not exist yet");
                    after = object;
                }
                events.info(prefix + "applied " + manifest.displayName() + (before == null ? " (created)" : ""));
                applied.add(new AppliedResource(manifest.kind(), manifest.name(), null));
                if (WorkloadKinds.ROLLOUT_KINDS.contains(manifest.kind())) {
                    workloads.add(new Workload(
                            manifest.kind(), request.namespace(), manifest.name(), expectedDigests(manifest)));
                    long old = before == null ? 0 : generation(before);
                    generationBefore.put(manifest.displayName(), old);
                    changed.put(manifest.displayName(), before == null || generation(after) > old);
                }
            }
            if (request.dryRun()) {
                return new DeployResult(
                        cluster, request.namespace(), applied, request.images().asMap(), List.of(), true);
            }
            RolloutWaiter waiter = new RolloutWaiter(client, events, request.gracePeriod(), request.timeout(), clock);
            try {
                Map<String, String> revisions = waiter.await(workloads);
                List<AppliedResource> withRevisions = applied.stream()
                        .map(r -> new AppliedResource(r.kind(), r.name(), revisions.get(r.kind() + "/" + r.name())))
                        .toList();
                return new DeployResult(
                        cluster,
                        request.namespace(),
                        withRevisions,
                        request.images().asMap(),
                        List.of(),
                        false);
            } catch (RolloutFailedException failure) {
                throw failed(client, request, cluster, applied, workloads, changed, generationBefore, failure);
            }
        } catch (KubernetesClientException e) {
            if (interrupted(e)) {
                throw aborted(request, "talking to the API server", e);
            }
            throw new DeliveryException("deploying to cluster " + cluster + ", namespace " + request.namespace() + ": "
                    + describe(e, request));
        } catch (AbortedDuringApply e) {
            throw aborted(request, "applying " + e.what, e.getCause());
        }
    }

    /** True when a client call failed because the calling thread was interrupted (an aborted build). */
    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    private static OperationAbortedException aborted(DeployRequest request, String where, Throwable cause) {
        Thread.currentThread().interrupt();
        return new OperationAbortedException(
                "deploy to namespace " + request.namespace() + " of "
                        + request.connection().displayName() + ", " + where,
                cause);
    }

    private DeployFailedException failed(
            KubernetesClient client,
            DeployRequest request,
            String cluster,
            List<AppliedResource> applied,
            List<Workload> workloads,
            Map<String, Boolean> changed,
            Map<String, Long> generationBefore,
            RolloutFailedException failure) {
        List<AppliedResource> rolledBack = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (request.rollbackOnFailure()) {
            List<Workload> undone = new ArrayList<>();
            for (Workload workload : workloads) {
                if (!changed.getOrDefault(workload.displayName(), false)) {
                    continue;
                }
                if (generationBefore.getOrDefault(workload.displayName(), 0L) == 0) {
                    notes.add(workload.displayName() + " was created by this deploy and has no previous revision");
                    continue;
                }
                Optional<Rollback.Undone> undoneNow = Rollback.undo(client, workload);
                if (undoneNow.isEmpty()) {
                    notes.add(workload.displayName() + " has no previous revision to roll back to");
                    continue;
                }
                String revision = undoneNow.get().revision();
                events.warn("rolling " + workload.displayName() + " back to revision " + revision);
                if (!undoneNow.get().deletedPods().isEmpty()) {
                    events.warn(
                            "deleted pods " + String.join(", ", undoneNow.get().deletedPods()) + " of "
                                    + workload.displayName() + " that never became ready, so that its controller"
                                    + " recreates them from the restored template");
                }
                rolledBack.add(new AppliedResource(workload.kind(), workload.name(), revision));
                undone.add(new Workload(workload.kind(), workload.namespace(), workload.name(), Map.of()));
            }
            if (!undone.isEmpty()) {
                try {
                    new RolloutWaiter(client, events, request.gracePeriod(), request.timeout(), clock).await(undone);
                } catch (RolloutFailedException rollbackFailure) {
                    notes.add("the rollback did not complete either: " + rollbackFailure.getMessage());
                }
            }
        }
        String what = rolledBack.isEmpty()
                ? request.rollbackOnFailure()
                        ? "; nothing was rolled back"
                        : "; not rolled back (rollbackOnFailure is off)"
                : "; rolled back "
                        + String.join(
                                ", ",
                                rolledBack.stream()
                                        .map(r -> r.kind() + "/" + r.name() + " to revision " + r.revision())
                                        .toList());
        String message = failure.getMessage() + what + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        DeployResult result = new DeployResult(
                cluster, request.namespace(), applied, request.images().asMap(), rolledBack, false);
        return new DeployFailedException(message, result, failure);
    }

    /** Creates the namespace when missing (allowed by default); true when it did not exist. */
    private boolean ensureNamespace(KubernetesClient client, DeployRequest request, String prefix) {
        String name = request.namespace();
        if (client.namespaces().withName(name).get() != null) {
            return false;
        }
        if (!request.createNamespace()) {
            throw new DeliveryException("namespace " + name + " does not exist in cluster "
                    + request.connection().displayName() + "; create it (kubectl create namespace " + name
                    + ") or let the deploy create it");
        }
        Namespace namespace = new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build();
        var resource = client.resource(namespace);
        if (request.dryRun()) {
            resource.dryRun().fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } else {
            resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        }
        events.info(prefix + "created namespace " + name);
        return true;
    }

    private static HasMetadata existing(
            KubernetesClient client, HasMetadata object, RenderedManifest manifest, DeployRequest request) {
        try {
            return client.resource(object).get();
        } catch (KubernetesClientException e) {
            if (interrupted(e)) {
                throw new AbortedDuringApply(manifest.displayName(), e);
            }
            throw new DeliveryException(manifest.manifest().location() + ": reading " + manifest.displayName() + ": "
                    + describe(e, request));
        }
    }

    private static HasMetadata apply(
            KubernetesClient client, HasMetadata object, RenderedManifest manifest, DeployRequest request) {
        boolean dryRun = request.dryRun();
        String namespace = request.namespace();
        try {
            var resource = client.resource(object);
            return dryRun
                    ? resource.dryRun()
                            .fieldManager(FIELD_MANAGER)
                            .forceConflicts()
                            .serverSideApply()
                    : resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (interrupted(e)) {
                throw new AbortedDuringApply(manifest.displayName(), e);
            }
            if (dryRun && e.getCode() == 404 && describe(e).contains("namespaces \"" + namespace + "\" not found")) {
                throw new NamespaceMissingInDryRun();
            }
            throw new DeliveryException(manifest.manifest().location() + ": applying " + manifest.displayName() + ": "
                    + describe(e, request));
        }
    }

    private static final class NamespaceMissingInDryRun extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Carries the object being applied to the abort message; never leaves this class. */
    private static final class AbortedDuringApply extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String what;

        AbortedDuringApply(String what, Throwable cause) {
            super(what, cause);
            this.what = what;
        }
    }

    private static Map<String, String> expectedDigests(RenderedManifest manifest) {
        Map<String, String> digests = new HashMap<>();
        for (ContainerImage image : manifest.images()) {
            if (image.pinned()) {
                ImageReference.parse(image.image())
                        .digest()
                        .ifPresent(digest -> digests.put(image.container(), digest.toString()));
            }
        }
        return digests;
    }

    private static long generation(HasMetadata object) {
        Long generation = object == null ? null : object.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    /** {@link #describe(KubernetesClientException)}, and for 401 and 403 who was refused and how to give access. */
    private static String describe(KubernetesClientException e, DeployRequest request) {
        String described = describe(e);
        if (e.getCode() == 401 || e.getCode() == 403) {
            described += request.connection().accessDenied(e.getCode(), request.namespace());
        }
        return described;
    }

    private static String describe(KubernetesClientException e) {
        if (e.getCode() <= 0 && e.getCause() != null) {
            return "cannot reach the API server (" + Unreachable.reason(e)
                    + "); check the cluster endpoint, the network and the credentials";
        }
        String message = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + message;
    }
}
