package io.jenkins.plugins.awsdelivery.engine.promote;

import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark, not a test: {@code bin/bench-promote} runs it. Starts two local registries, pushes a generated image
 * (layers streamed, never in memory) and measures {@code bin/delivery promote} as a user runs it.
 *
 * <ul>
 *   <li>{@code compare [runs] [layers] [layerMiB]}: alternating runs of ours and {@code skopeo copy --all
 *       --preserve-digests}, a fresh destination repository each run; prints the medians and the median ratio.
 *   <li>{@code warm [runs] [layers] [layerMiB]}: the same, but ours runs inside this JVM after two warm-up
 *       promotions, as in a long-lived Jenkins agent (no JVM start, compiled code).
 *   <li>{@code large [GiB] [Xmx]}: one image with one layer of that size, promoted with {@code -Xmx}; prints the time
 *       and the peak RSS from {@code /usr/bin/time -v}.
 * </ul>
 */
public final class PromoteBenchmark {
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern DIGEST = Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\"");

    private PromoteBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("delivery.root", ".")).toAbsolutePath();
        String scenario = args.length > 0 ? args[0] : "compare";
        try (LocalRegistry source = new LocalRegistry().start()) {
            if (scenario.equals("large")) {
                try (LocalRegistry destination = new LocalRegistry().start()) {
                    large(root, source, destination, arg(args, 1, 1), args.length > 2 ? args[2] : "256m");
                }
            } else if (scenario.equals("warm")) {
                warm(source, arg(args, 1, 5), arg(args, 2, 6), arg(args, 3, 50));
            } else {
                compare(root, source, arg(args, 1, 5), arg(args, 2, 6), arg(args, 3, 50));
            }
        }
    }

    /**
     * Each tool copies into its own empty registry each run: nothing to skip and nothing to mount (skopeo would mount
     * blobs it saw in another repository of the same registry).
     */
    private static void compare(Path root, LocalRegistry source, int runs, int layers, int mib) throws Exception {
        PushedImage image =
                new ImageFixtures(source).pushStreamedImage("bench/app", "1.0", layers, (long) mib * 1024 * 1024);
        System.out.printf(Locale.ROOT, "image: %d layers x %d MiB, %s%n", layers, mib, image.digest());
        List<Double> ours = new ArrayList<>();
        List<Double> skopeo = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            double oursSeconds = 0;
            double skopeoSeconds = 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean oursNow = (run + turn) % 2 == 1;
                try (LocalRegistry destination = new LocalRegistry().start()) {
                    if (oursNow) {
                        Result result = time(
                                root,
                                Map.of(),
                                List.of(
                                        root.resolve("bin/delivery").toString(),
                                        "promote",
                                        image.reference(),
                                        destination.reference("bench/app:1.0"),
                                        "--json"));
                        check(result, image);
                        oursSeconds = result.seconds;
                    } else {
                        Result result = time(
                                root,
                                Map.of(),
                                List.of(
                                        "skopeo",
                                        "copy",
                                        "--all",
                                        "--preserve-digests",
                                        "--src-tls-verify=false",
                                        "--dest-tls-verify=false",
                                        "docker://" + image.reference(),
                                        "docker://" + destination.reference("bench/app:1.0")));
                        if (result.exitCode != 0) {
                            throw new IllegalStateException("skopeo failed: " + result.stderr);
                        }
                        skopeoSeconds = result.seconds;
                    }
                }
            }
            ours.add(oursSeconds);
            skopeo.add(skopeoSeconds);
            ratios.add(oursSeconds / skopeoSeconds);
            System.out.printf(
                    Locale.ROOT,
                    "run %d: ours %.2f s, skopeo %.2f s, ratio %.2f%n",
                    run,
                    oursSeconds,
                    skopeoSeconds,
                    oursSeconds / skopeoSeconds);
        }
        System.out.printf(
                Locale.ROOT,
                "median: ours %.2f s, skopeo %.2f s, median ratio ours/skopeo %.2f (%d runs)%n",
                median(ours),
                median(skopeo),
                median(ratios),
                runs);
    }

    private static void warm(LocalRegistry source, int runs, int layers, int mib) throws Exception {
        PushedImage image =
                new ImageFixtures(source).pushStreamedImage("bench/app", "1.0", layers, (long) mib * 1024 * 1024);
        System.out.printf(
                Locale.ROOT, "image: %d layers x %d MiB, %s (ours in-process)%n", layers, mib, image.digest());
        for (int i = 0; i < 2; i++) {
            try (LocalRegistry destination = new LocalRegistry().start()) {
                promoteInProcess(image, destination);
            }
        }
        List<Double> ours = new ArrayList<>();
        List<Double> skopeo = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            double oursSeconds = 0;
            double skopeoSeconds = 0;
            for (int turn = 0; turn < 2; turn++) {
                try (LocalRegistry destination = new LocalRegistry().start()) {
                    if ((run + turn) % 2 == 1) {
                        long started = System.nanoTime();
                        promoteInProcess(image, destination);
                        oursSeconds = (System.nanoTime() - started) / 1e9;
                    } else {
                        skopeoSeconds = skopeo(Path.of("."), image, destination).seconds;
                    }
                }
            }
            ours.add(oursSeconds);
            skopeo.add(skopeoSeconds);
            ratios.add(oursSeconds / skopeoSeconds);
            System.out.printf(
                    Locale.ROOT,
                    "run %d: ours %.2f s, skopeo %.2f s, ratio %.2f%n",
                    run,
                    oursSeconds,
                    skopeoSeconds,
                    oursSeconds / skopeoSeconds);
        }
        System.out.printf(
                Locale.ROOT,
                "median: ours (in-process, warm) %.2f s, skopeo %.2f s, median ratio ours/skopeo %.2f (%d runs)%n",
                median(ours),
                median(skopeo),
                median(ratios),
                runs);
    }

    private static void promoteInProcess(PushedImage image, LocalRegistry destination) {
        PromoteResult result = new Promoter()
                .promote(PromoteRequest.builder()
                        .source(io.jenkins.plugins.awsdelivery.engine.reference.ImageReference.parse(image.reference()))
                        .destination(io.jenkins.plugins.awsdelivery.engine.reference.ImageReference.parse(
                                destination.reference("bench/app:1.0")))
                        .build());
        if (!result.digest().equals(image.digest())) {
            throw new IllegalStateException("digest changed: " + result);
        }
    }

    private static Result skopeo(Path root, PushedImage image, LocalRegistry destination)
            throws IOException, InterruptedException {
        Result result = time(
                root,
                Map.of(),
                List.of(
                        "skopeo",
                        "copy",
                        "--all",
                        "--preserve-digests",
                        "--src-tls-verify=false",
                        "--dest-tls-verify=false",
                        "docker://" + image.reference(),
                        "docker://" + destination.reference("bench/app:1.0")));
        if (result.exitCode != 0) {
            throw new IllegalStateException("skopeo failed: " + result.stderr);
        }
        return result;
    }

    private static void large(Path root, LocalRegistry source, LocalRegistry destination, int gib, String xmx)
            throws Exception {
        PushedImage image =
                new ImageFixtures(source).pushStreamedImage("bench/large", "1.0", 1, (long) gib * 1024 * 1024 * 1024);
        System.out.printf(Locale.ROOT, "image: 1 layer of %d GiB, %s%n", gib, image.digest());
        Result result = time(
                root,
                Map.of("DELIVERY_JAVA_OPTS", "-Xmx" + xmx),
                List.of(
                        "/usr/bin/time",
                        "-v",
                        root.resolve("bin/delivery").toString(),
                        "promote",
                        image.reference(),
                        destination.reference("bench/large:1.0"),
                        "--json"));
        check(result, image);
        Matcher rss = RSS.matcher(result.stderr);
        System.out.printf(
                Locale.ROOT,
                "promoted %d GiB with -Xmx%s in %.2f s, peak RSS %s MiB; %s%n",
                gib,
                xmx,
                result.seconds,
                rss.find() ? String.valueOf(Long.parseLong(rss.group(1)) / 1024) : "?",
                result.stdout.strip());
    }

    private static void check(Result result, PushedImage image) {
        Matcher digest = DIGEST.matcher(result.stdout);
        if (result.exitCode != 0
                || !digest.find()
                || !digest.group(1).equals(image.digest().toString())) {
            throw new IllegalStateException("promote failed or changed the digest: " + result.stdout + result.stderr);
        }
    }

    private static Result time(Path root, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(environment);
        Path err = Files.createTempFile("bench", ".err");
        builder.redirectError(err.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exitCode = process.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Result(exitCode, seconds, stdout, stderr);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private record Result(int exitCode, double seconds, String stdout, String stderr) {}
}
