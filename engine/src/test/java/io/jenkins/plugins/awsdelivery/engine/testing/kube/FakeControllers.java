package io.jenkins.plugins.awsdelivery.engine.testing.kube;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Test stand-in for the kube-controller-manager and kubelet on the mock API server: reacts to Deployment,
 * StatefulSet and DaemonSet changes the way the real controllers do, in miniature. For a Deployment it keeps one
 * ReplicaSet per pod template ({@code pod-template-hash} label, {@code deployment.kubernetes.io/revision} annotation
 * that grows, also when an old template comes back), creates its pods with container statuses whose {@code imageID}
 * carries the image's digest, retires the old ReplicaSets once the new pods are ready (and keeps them while the new
 * ones fail, as maxUnavailable does), and writes the Deployment status. A test can make pods of an image fail
 * ({@code ImagePullBackOff}, {@code CrashLoopBackOff}, ...) or a Deployment exceed its progress deadline.
 */
public final class FakeControllers implements AutoCloseable {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String HASH_LABEL = "pod-template-hash";
    private static final String STS_HASH_LABEL = "controller-revision-hash";
    private static final String REVISION_HASH_LABEL = "controller.kubernetes.io/hash";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesClient client;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fake-kube-controllers");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> failingImages = new ConcurrentHashMap<>();
    private final Set<String> pastProgressDeadline = ConcurrentHashMap.newKeySet();
    private final Map<String, String> imageIdOverrides = new ConcurrentHashMap<>();
    private final List<Watch> watches = new ArrayList<>();

    FakeControllers(KubernetesClient client) {
        this.client = client;
    }

    void start() {
        watches.add(client.apps().deployments().inAnyNamespace().watch(trigger(this::reconcileDeployment)));
        watches.add(client.apps().statefulSets().inAnyNamespace().watch(trigger(this::reconcileStatefulSet)));
        watches.add(client.apps().daemonSets().inAnyNamespace().watch(trigger(this::reconcileDaemonSet)));
        watches.add(client.pods().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                // A deleted pod of a StatefulSet or DaemonSet makes its controller act (e.g. a forced rollback).
                if (action == Action.DELETED) {
                    for (OwnerReference ref : pod.getMetadata().getOwnerReferences()) {
                        String namespace = pod.getMetadata().getNamespace();
                        if (ref.getKind().equals("StatefulSet")) {
                            worker.submit(() -> reconcile(() -> reconcileStatefulSet(new StatefulSetBuilder()
                                    .withNewMetadata()
                                    .withNamespace(namespace)
                                    .withName(ref.getName())
                                    .endMetadata()
                                    .build())));
                        }
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {}
        }));
    }

    /**
     * Pods whose container image contains {@code imageFragment} are not started but wait with {@code reason} (e.g.
     * {@code ImagePullBackOff}, {@code CrashLoopBackOff}, {@code CreateContainerConfigError}).
     */
    public void failImage(String imageFragment, String reason) {
        failingImages.put(imageFragment, reason);
    }

    /**
     * The kubelet finishes what {@link #failImage} held up: pods whose image contains {@code imageFragment} start,
     * report the image's digest and become Ready, and their owners' controllers update the status.
     */
    public void startImage(String imageFragment) {
        failingImages.remove(imageFragment);
        worker.submit(() -> reconcile(() -> {
            for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
                if (pod.getSpec().getContainers().stream()
                        .noneMatch(c -> c.getImage().contains(imageFragment))) {
                    continue;
                }
                client.pods()
                        .inNamespace(pod.getMetadata().getNamespace())
                        .resource(pod)
                        .delete();
                PodTemplateSpec template = new PodTemplateSpec(pod.getMetadata(), pod.getSpec());
                template.getMetadata().setResourceVersion(null);
                template.getMetadata().setUid(null);
                createPod(
                        pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(),
                        template,
                        pod.getMetadata().getOwnerReferences().get(0));
            }
            for (Deployment deployment :
                    client.apps().deployments().inAnyNamespace().list().getItems()) {
                reconcileDeployment(deployment);
            }
        }));
    }

    /** Pods whose image contains {@code imageFragment} report {@code imageId} (as if the tag had moved). */
    public void reportImageId(String imageFragment, String imageId) {
        imageIdOverrides.put(imageFragment, imageId);
    }

    /** The Deployment's Progressing condition turns False with reason {@code ProgressDeadlineExceeded}. */
    public void exceedProgressDeadline(String namespace, String name) {
        pastProgressDeadline.add(namespace + "/" + name);
    }

    private <T extends HasMetadata> Watcher<T> trigger(Consumer<T> reconcile) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                if (action != Action.DELETED) {
                    worker.submit(() -> reconcile(() -> reconcile.accept(resource)));
                }
            }

            @Override
            public void onClose(WatcherException cause) {}
        };
    }

    private static void reconcile(Runnable reconcile) {
        try {
            reconcile.run();
        } catch (RuntimeException e) {
            System.err.println("fake controller: " + e);
        }
    }

    private void reconcileDeployment(Deployment event) {
        String namespace = event.getMetadata().getNamespace();
        String name = event.getMetadata().getName();
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get();
        if (deployment == null) {
            return;
        }
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        String hash = hash(template);
        List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> ownedBy(rs, deployment))
                .toList();
        int maxRevision =
                owned.stream().mapToInt(FakeControllers::revision).max().orElse(0);
        ReplicaSet current = owned.stream()
                .filter(rs -> hash.equals(rs.getMetadata().getLabels().get(HASH_LABEL)))
                .findFirst()
                .orElse(null);
        int replicas = deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
        String rsName = name + "-" + hash;
        if (current == null) {
            Map<String, String> labels = new HashMap<>(labels(template));
            labels.put(HASH_LABEL, hash);
            PodTemplateSpec rsTemplate = SERIALIZATION.clone(template);
            rsTemplate.getMetadata().setLabels(labels);
            current = client.apps()
                    .replicaSets()
                    .inNamespace(namespace)
                    .resource(new ReplicaSetBuilder()
                            .withNewMetadata()
                            .withName(rsName)
                            .withNamespace(namespace)
                            .withLabels(labels)
                            .withAnnotations(Map.of(REVISION, String.valueOf(maxRevision + 1)))
                            .withOwnerReferences(owner(deployment))
                            .endMetadata()
                            .withNewSpec()
                            .withReplicas(replicas)
                            .withNewSelector()
                            .withMatchLabels(labels)
                            .endSelector()
                            .withTemplate(rsTemplate)
                            .endSpec()
                            .build())
                    .create();
        } else if (revision(current) != maxRevision) {
            int newRevision = maxRevision + 1;
            current = client.apps()
                    .replicaSets()
                    .inNamespace(namespace)
                    .withName(rsName)
                    .edit(rs -> {
                        rs.getMetadata().getAnnotations().put(REVISION, String.valueOf(newRevision));
                        rs.getSpec().setReplicas(replicas);
                        return rs;
                    });
        }
        List<Pod> currentPods = ensurePods(
                namespace, current.getMetadata().getName(), current.getSpec().getTemplate(), replicas, owner(current));
        boolean newReady = currentPods.stream().allMatch(FakeControllers::ready);
        if (newReady) {
            for (ReplicaSet old : owned) {
                if (!old.getMetadata().getName().equals(current.getMetadata().getName())) {
                    retire(namespace, old);
                }
            }
        }
        String revision = current.getMetadata().getAnnotations().get(REVISION);
        if (!revision.equals(annotation(deployment, REVISION))) {
            client.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
                if (d.getMetadata().getAnnotations() == null) {
                    d.getMetadata().setAnnotations(new HashMap<>());
                }
                d.getMetadata().getAnnotations().put(REVISION, revision);
                return d;
            });
        }
        List<Pod> allPods = podsOwnedBy(
                namespace,
                owned.stream().map(rs -> rs.getMetadata().getName()).collect(java.util.stream.Collectors.toSet()));
        allPods.addAll(currentPods.stream()
                .filter(p -> allPods.stream()
                        .noneMatch(q ->
                                q.getMetadata().getName().equals(p.getMetadata().getName())))
                .toList());
        int ready = (int) allPods.stream().filter(FakeControllers::ready).count();
        boolean deadline = pastProgressDeadline.contains(namespace + "/" + name);
        List<DeploymentCondition> conditions = List.of(
                new DeploymentConditionBuilder()
                        .withType("Available")
                        .withStatus(ready >= replicas ? "True" : "False")
                        .withReason(ready >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                        .build(),
                new DeploymentConditionBuilder()
                        .withType("Progressing")
                        .withStatus(deadline ? "False" : "True")
                        .withReason(
                                deadline
                                        ? "ProgressDeadlineExceeded"
                                        : newReady ? "NewReplicaSetAvailable" : "ReplicaSetUpdated")
                        .withMessage(
                                deadline
                                        ? "ReplicaSet \"" + rsName + "\" has timed out progressing."
                                        : "ReplicaSet \"" + rsName + "\" is progressing.")
                        .build());
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(allPods.size())
                .withUpdatedReplicas(currentPods.size())
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(Math.max(0, allPods.size() - ready))
                .withConditions(conditions)
                .build();
        Deployment latest = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get();
        if (latest != null
                && Objects.equals(
                        latest.getMetadata().getGeneration(),
                        deployment.getMetadata().getGeneration())
                && !status.equals(latest.getStatus())) {
            latest.setStatus(status);
            client.apps().deployments().inNamespace(namespace).resource(latest).updateStatus();
        }
    }

    /**
     * The StatefulSet controller with the default {@code OrderedReady} pod management and {@code RollingUpdate}: one
     * ControllerRevision per template ({@link #revisionFor}); missing pods are created in ordinal order, and pods of an
     * older revision are replaced from the highest ordinal down, one at a time, each only while every pod is Ready.
     * Like the real controller it therefore stays stuck behind a pod that never becomes Ready, even after the template
     * was reverted, until that pod is deleted ("forced rollback" in the StatefulSet documentation).
     */
    private void reconcileStatefulSet(StatefulSet event) {
        String namespace = event.getMetadata().getNamespace();
        StatefulSet set = client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(event.getMetadata().getName())
                .get();
        if (set == null) {
            return;
        }
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        String target =
                revisionFor(set, set.getSpec().getTemplate()).getMetadata().getName();
        PodTemplateSpec labelled = withRevisionLabel(set.getSpec().getTemplate(), target);
        Map<Integer, Pod> pods = new java.util.TreeMap<>();
        for (Pod pod : podsOwnedBy(namespace, Set.of(set.getMetadata().getName()))) {
            String podName = pod.getMetadata().getName();
            pods.put(Integer.parseInt(podName.substring(podName.lastIndexOf('-') + 1)), pod);
        }
        boolean blocked = false;
        for (int i = 0; i < replicas && !blocked; i++) {
            if (!pods.containsKey(i)) {
                Pod created = createPod(namespace, set.getMetadata().getName() + "-" + i, labelled, owner(set));
                pods.put(i, created);
                blocked = !ready(created);
            }
        }
        blocked |= !pods.values().stream().allMatch(FakeControllers::ready);
        for (int i = replicas - 1; i >= 0 && !blocked; i--) {
            Pod pod = pods.get(i);
            if (!target.equals(pod.getMetadata().getLabels().get(STS_HASH_LABEL))) {
                client.pods().inNamespace(namespace).resource(pod).delete();
                Pod replaced = createPod(namespace, pod.getMetadata().getName(), labelled, owner(set));
                pods.put(i, replaced);
                blocked = !ready(replaced);
            }
        }
        int ready = (int) pods.values().stream().filter(FakeControllers::ready).count();
        long updated = pods.values().stream()
                .filter(p -> target.equals(p.getMetadata().getLabels().get(STS_HASH_LABEL)))
                .count();
        String current = updated == replicas && ready == replicas
                ? target
                : set.getStatus() != null && set.getStatus().getCurrentRevision() != null
                        ? set.getStatus().getCurrentRevision()
                        : target;
        var status = new StatefulSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(pods.size())
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withCurrentReplicas((int) pods.values().stream()
                        .filter(p -> current.equals(p.getMetadata().getLabels().get(STS_HASH_LABEL)))
                        .count())
                .withUpdatedReplicas((int) updated)
                .withCurrentRevision(current)
                .withUpdateRevision(target)
                .build();
        if (!status.equals(set.getStatus())) {
            set.setStatus(status);
            client.apps().statefulSets().inNamespace(namespace).resource(set).updateStatus();
        }
    }

    /** The DaemonSet controller on a cluster of one node: one pod, replaced when the template changes. */
    private void reconcileDaemonSet(DaemonSet event) {
        String namespace = event.getMetadata().getNamespace();
        DaemonSet set = client.apps()
                .daemonSets()
                .inNamespace(namespace)
                .withName(event.getMetadata().getName())
                .get();
        if (set == null) {
            return;
        }
        // DaemonSet pods carry the revision's hash, StatefulSet pods the revision's name.
        String revision = revisionFor(set, set.getSpec().getTemplate())
                .getMetadata()
                .getLabels()
                .get(REVISION_HASH_LABEL);
        List<Pod> pods = ensureRevisionPods(namespace, set, set.getSpec().getTemplate(), revision, 1);
        int ready = (int) pods.stream().filter(FakeControllers::ready).count();
        var status = new DaemonSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withDesiredNumberScheduled(1)
                .withCurrentNumberScheduled(1)
                .withUpdatedNumberScheduled(pods.size())
                .withNumberReady(ready)
                .withNumberAvailable(ready)
                .withNumberUnavailable(pods.size() - ready)
                .build();
        if (!status.equals(set.getStatus())) {
            set.setStatus(status);
            client.apps().daemonSets().inNamespace(namespace).resource(set).updateStatus();
        }
    }

    /**
     * The ControllerRevision holding {@code template} for a StatefulSet or DaemonSet, as their controllers keep history:
     * named {@code <owner>-<hash>}, labelled with the template's labels and {@code controller.kubernetes.io/hash},
     * owned (controller reference) by the workload, {@code data} holding the patch that restores the template
     * ({@code {"spec":{"template":{…,"$patch":"replace"}}}}) and {@code revision} one above the highest so far. A
     * template that comes back reuses its revision object, which then gets the next revision number.
     */
    private ControllerRevision revisionFor(HasMetadata owner, PodTemplateSpec template) {
        String namespace = owner.getMetadata().getNamespace();
        String hash = hash(template);
        List<ControllerRevision> owned =
                client.apps().controllerRevisions().inNamespace(namespace).list().getItems().stream()
                        .filter(revision -> ownedBy(revision, owner))
                        .toList();
        long highest =
                owned.stream().mapToLong(ControllerRevision::getRevision).max().orElse(0);
        ControllerRevision equal = owned.stream()
                .filter(revision ->
                        hash.equals(revision.getMetadata().getLabels().get(REVISION_HASH_LABEL)))
                .findFirst()
                .orElse(null);
        if (equal != null) {
            if (equal.getRevision() == highest) {
                return equal;
            }
            return client.apps()
                    .controllerRevisions()
                    .inNamespace(namespace)
                    .withName(equal.getMetadata().getName())
                    .edit(revision -> {
                        revision.setRevision(highest + 1);
                        return revision;
                    });
        }
        Map<String, Object> templateData = SERIALIZATION.convertValue(template, Map.class);
        Map<String, Object> restoring = new java.util.LinkedHashMap<>(templateData);
        restoring.put("$patch", "replace");
        Map<String, String> labels = new HashMap<>(labels(template));
        labels.put(REVISION_HASH_LABEL, hash);
        OwnerReference controller = owner(owner);
        controller.setBlockOwnerDeletion(true);
        return client.apps()
                .controllerRevisions()
                .inNamespace(namespace)
                .resource(new ControllerRevisionBuilder()
                        .withNewMetadata()
                        .withName(owner.getMetadata().getName() + "-" + hash)
                        .withNamespace(namespace)
                        .withLabels(labels)
                        .withOwnerReferences(controller)
                        .endMetadata()
                        .withData(Map.of("spec", Map.of("template", restoring)))
                        .withRevision(highest + 1)
                        .build())
                .create();
    }

    private static PodTemplateSpec withRevisionLabel(PodTemplateSpec template, String revision) {
        PodTemplateSpec labelled = SERIALIZATION.clone(template);
        Map<String, String> labels = new HashMap<>(labels(template));
        labels.put(STS_HASH_LABEL, revision);
        labelled.getMetadata().setLabels(labels);
        return labelled;
    }

    /** Replaces the workload's pods of other revisions by pods of {@code revision}, named {@code <name>-<i>}. */
    private List<Pod> ensureRevisionPods(
            String namespace, HasMetadata owner, PodTemplateSpec template, String revision, int replicas) {
        List<Pod> result = new ArrayList<>();
        for (Pod pod : podsOwnedBy(namespace, Set.of(owner.getMetadata().getName()))) {
            if (!revision.equals(pod.getMetadata().getLabels().get(STS_HASH_LABEL))) {
                client.pods().inNamespace(namespace).resource(pod).delete();
            }
        }
        PodTemplateSpec labelled = withRevisionLabel(template, revision);
        for (int i = 0; i < replicas; i++) {
            String podName = owner.getMetadata().getName() + "-" + i;
            Pod existing =
                    client.pods().inNamespace(namespace).withName(podName).get();
            if (existing != null
                    && revision.equals(existing.getMetadata().getLabels().get(STS_HASH_LABEL))) {
                result.add(existing);
                continue;
            }
            if (existing != null) {
                client.pods().inNamespace(namespace).resource(existing).delete();
            }
            result.add(createPod(namespace, podName, labelled, owner(owner)));
        }
        return result;
    }

    private List<Pod> ensurePods(
            String namespace, String rsName, PodTemplateSpec template, int replicas, OwnerReference owner) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            String podName = rsName + "-" + i;
            Pod existing =
                    client.pods().inNamespace(namespace).withName(podName).get();
            pods.add(existing != null ? existing : createPod(namespace, podName, template, owner));
        }
        return pods;
    }

    private Pod createPod(String namespace, String podName, PodTemplateSpec template, OwnerReference owner) {
        List<ContainerStatus> statuses = new ArrayList<>();
        List<ContainerStatus> initStatuses = new ArrayList<>();
        boolean allReady = true;
        for (var container : template.getSpec().getInitContainers()) {
            ContainerStatus status = containerStatus(container.getName(), container.getImage(), true);
            allReady &= status.getReady();
            initStatuses.add(status);
        }
        for (var container : template.getSpec().getContainers()) {
            ContainerStatus status = containerStatus(container.getName(), container.getImage(), false);
            allReady &= status.getReady();
            statuses.add(status);
        }
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(podName)
                .withNamespace(namespace)
                .withLabels(labels(template))
                .withOwnerReferences(owner)
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus()
                .withPhase(allReady ? "Running" : "Pending")
                .addNewCondition()
                .withType("Ready")
                .withStatus(allReady ? "True" : "False")
                .endCondition()
                .withInitContainerStatuses(initStatuses)
                .withContainerStatuses(statuses)
                .endStatus()
                .build();
        return client.pods().inNamespace(namespace).resource(pod).create();
    }

    private ContainerStatus containerStatus(String name, String image, boolean init) {
        String reason = failingImages.entrySet().stream()
                .filter(entry -> image.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        ContainerStatusBuilder status =
                new ContainerStatusBuilder().withName(name).withImage(image).withRestartCount(0);
        if (reason == null) {
            return status.withReady(true)
                    .withStarted(true)
                    .withImageID(imageIdOverrides.entrySet().stream()
                            .filter(entry -> image.contains(entry.getKey()))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElseGet(() -> imageId(image)))
                    .withState(
                            init
                                    ? new ContainerStateBuilder()
                                            .withNewTerminated()
                                            .withExitCode(0)
                                            .withReason("Completed")
                                            .endTerminated()
                                            .build()
                                    : new ContainerStateBuilder()
                                            .withNewRunning()
                                            .withStartedAt("2026-01-01T00:00:00Z")
                                            .endRunning()
                                            .build())
                    .build();
        }
        if (reason.equals("ContainerCreating")) {
            return status.withReady(false)
                    .withStarted(false)
                    .withImageID("")
                    .withState(new ContainerStateBuilder()
                            .withNewWaiting()
                            .withReason(reason)
                            .endWaiting()
                            .build())
                    .build();
        }
        String message = reason.contains("Pull")
                ? "Back-off pulling image \"" + image + "\""
                : "back-off 10s restarting failed container=" + name;
        return status.withReady(false)
                .withStarted(false)
                .withImageID(reason.contains("Pull") ? "" : imageId(image))
                .withRestartCount(reason.contains("Pull") ? 0 : 3)
                .withState(new ContainerStateBuilder()
                        .withNewWaiting()
                        .withReason(reason)
                        .withMessage(message)
                        .endWaiting()
                        .build())
                .build();
    }

    /** What the kubelet reports: the repository and the digest of the image that runs. */
    static String imageId(String image) {
        ImageReference reference = ImageReference.parse(image);
        Digest digest = reference.digest().orElseGet(() -> Digest.sha256(image.getBytes(StandardCharsets.UTF_8)));
        return reference.name() + "@" + digest;
    }

    private void retire(String namespace, ReplicaSet old) {
        if (old.getSpec().getReplicas() != null && old.getSpec().getReplicas() != 0) {
            client.apps()
                    .replicaSets()
                    .inNamespace(namespace)
                    .withName(old.getMetadata().getName())
                    .edit(rs -> {
                        rs.getSpec().setReplicas(0);
                        return rs;
                    });
        }
        for (Pod pod : podsOwnedBy(namespace, Set.of(old.getMetadata().getName()))) {
            client.pods().inNamespace(namespace).resource(pod).delete();
        }
    }

    private List<Pod> podsOwnedBy(String namespace, Set<String> ownerNames) {
        return new ArrayList<>(client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(ref -> ownerNames.contains(ref.getName())))
                .toList());
    }

    private static boolean ownedBy(HasMetadata child, HasMetadata owner) {
        return child.getMetadata().getOwnerReferences().stream()
                .anyMatch(
                        ref -> Objects.equals(ref.getUid(), owner.getMetadata().getUid()));
    }

    private static OwnerReference owner(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .build();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getContainerStatuses().stream().allMatch(ContainerStatus::getReady);
    }

    private static int revision(ReplicaSet rs) {
        String value = annotation(rs, REVISION);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static String annotation(HasMetadata resource, String key) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static Map<String, String> labels(PodTemplateSpec template) {
        return template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of()
                : template.getMetadata().getLabels();
    }

    /** A stable hash of the pod template, as the Deployment controller's pod-template-hash. */
    private static String hash(PodTemplateSpec template) {
        String json = SERIALIZATION.asJson(template);
        return Digest.sha256(json.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 10);
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
