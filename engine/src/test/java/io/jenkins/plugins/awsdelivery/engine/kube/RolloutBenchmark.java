package io.jenkins.plugins.awsdelivery.engine.kube;

import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ImagePins;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.testing.kube.MockKubernetesCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How long the deploy takes on the mock cluster, where the fake controllers answer at once: the engine's own
 * overhead (apply, watches, digest check) and how soon a failing pod ends the wait after the grace period.
 *
 * <pre>java -cp ... io.jenkins.plugins.awsdelivery.engine.kube.RolloutBenchmark [runs]</pre>
 */
public final class RolloutBenchmark {
    private static final String REPO = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("rollout-benchmark");
        try (MockKubernetesCluster cluster = MockKubernetesCluster.start()) {
            Path kubeconfig = cluster.writeKubeconfig(dir);
            int revision = 0;
            deploy(dir, kubeconfig, 1, ++revision, Duration.ofSeconds(1)); // warm-up
            List<Long> one = new ArrayList<>();
            List<Long> ten = new ArrayList<>();
            List<Long> failing = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                one.add(deploy(dir, kubeconfig, 1, ++revision, Duration.ofSeconds(1)));
            }
            for (int i = 0; i < runs; i++) {
                ten.add(deploy(dir, kubeconfig, 10, ++revision, Duration.ofSeconds(1)));
            }
            for (int i = 0; i < runs; i++) {
                int bad = ++revision;
                cluster.controllers().failImage(digest(bad), "ImagePullBackOff");
                long start = System.nanoTime();
                try {
                    deploy(dir, kubeconfig, 1, bad, Duration.ofSeconds(1));
                    throw new IllegalStateException("a failing rollout succeeded");
                } catch (DeployFailedException expected) {
                    failing.add((System.nanoTime() - start) / 1_000_000);
                }
            }
            System.out.println("| deploy | median | min / max |");
            System.out.println("|---|---|---|");
            row("1 Deployment, 2 replicas, new digest", one);
            row("10 Deployments, 2 replicas each, new digest", ten);
            row("1 Deployment, ImagePullBackOff, grace 1 s", failing);
        }
    }

    private static long deploy(Path dir, Path kubeconfig, int deployments, int revision, Duration grace)
            throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < deployments; i++) {
            yaml.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web")
                    .append(i)
                    .append("\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web")
                    .append(i)
                    .append("}\n  template:\n    metadata:\n      labels: {app: web")
                    .append(i)
                    .append("}\n    spec:\n      containers:\n      - name: web\n        image: ")
                    .append(REPO)
                    .append(":latest\n");
        }
        Files.writeString(dir.resolve("app.yaml"), yaml);
        DeployRequest request = DeployRequest.builder()
                .connection(ClusterConnection.kubeconfig(kubeconfig))
                .namespace("bench")
                .manifests(List.of("app.yaml"))
                .baseDirectory(dir)
                .images(ImagePins.of(Map.of(REPO, REPO + "@" + digest(revision))))
                .gracePeriod(grace)
                .timeout(Duration.ofSeconds(60))
                .build();
        long start = System.nanoTime();
        new Deployer(EventSink.discard()).deploy(request);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String digest(int revision) {
        return "sha256:" + String.format("%064x", revision);
    }

    private static void row(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(
                "| %s | %d ms | %d / %d ms |%n",
                what, sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
