package io.jenkins.plugins.awsdelivery.engine.promote;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark, not a test: {@code bin/bench-promote} runs it. Starts local registries, pushes a generated image
 * (layers streamed, never in memory) and measures {@code bin/delivery promote} as a user runs it (CLI, a new JVM per
 * run) and {@link Promoter} as a Jenkins agent runs it (in this JVM, after warm-up).
 *
 * <ul>
 *   <li>{@code compare [runs] [layers] [layerMiB]}: alternating runs of the CLI and {@code skopeo copy --all
 *       --preserve-digests}, each into its own fresh destination registry; medians, median ratio, peak RSS of both
 *       (from {@code /usr/bin/time -v}) and the JVM floor ({@code bin/delivery ref}, no network).
 *   <li>{@code warm [runs] [layers] [layerMiB]}: the same with ours in-process after two warm-up promotions; also the
 *       peak heap used during each promotion.
 *   <li>{@code clients [runs] [layers] [layerMiB]}: in-process after warm-up, blob bodies over the transport's own
 *       connections, then through the JDK HTTP client, then skopeo, rotating who goes first; each into a fresh
 *       destination registry.
 *   <li>{@code repromote [runs] [layers] [layerMiB]}: the image is already complete at the destination; a repeat
 *       promotion (every blob skipped) in-process, via the CLI and with skopeo.
 *   <li>{@code mount [runs] [layers] [layerMiB]}: promotion into a new repository of the same registry (every blob
 *       mounted, no byte copied), in-process, via the CLI and with skopeo.
 *   <li>{@code large [GiB] [Xmx] [runs]}: one layer of that size, the CLI with {@code -Xmx} against skopeo,
 *       alternating, a fresh destination registry each; time and peak RSS.
 * </ul>
 */
public final class PromoteBenchmark {
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern CPU = Pattern.compile("(?:User|System) time \\(seconds\\): ([0-9.]+)");
    private static final Pattern DIGEST = Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\"");
    private static final String REPOSITORY = "bench/app";

    private final Path root;

    private PromoteBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        if (!Files.isExecutable(TIME)) {
            throw new IllegalStateException("/usr/bin/time is missing (Debian package 'time'): apt-get install time");
        }
        PromoteBenchmark benchmark = new PromoteBenchmark(
                Path.of(System.getProperty("delivery.root", ".")).toAbsolutePath());
        String scenario = args.length > 0 ? args[0] : "compare";
        if (args.length > 1 && !scenario.equals("large") && Integer.parseInt(args[1]) < 3) {
            System.out.println("note: fewer than 3 runs per tool, not a result to report (profiling only)");
        }
        System.out.printf(
                Locale.ROOT,
                "scenario %s, JVM %s, max heap %d MiB, %s%n",
                scenario,
                System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20,
                loadAverage());
        try (LocalRegistry source = new LocalRegistry().start()) {
            switch (scenario) {
                case "compare" -> benchmark.compare(source, arg(args, 1, 5), arg(args, 2, 6), arg(args, 3, 50), false);
                case "warm" -> benchmark.compare(source, arg(args, 1, 5), arg(args, 2, 6), arg(args, 3, 50), true);
                case "clients" -> benchmark.clients(source, arg(args, 1, 5), arg(args, 2, 6), arg(args, 3, 50));
                case "repromote" -> benchmark.repromote(source, arg(args, 1, 7), arg(args, 2, 10), arg(args, 3, 5));
                case "mount" -> benchmark.mount(source, arg(args, 1, 5), arg(args, 2, 6), arg(args, 3, 50));
                case "large" ->
                    benchmark.large(source, arg(args, 1, 1), args.length > 2 ? args[2] : "256m", arg(args, 3, 1));
                default ->
                    throw new IllegalArgumentException(
                            "unknown scenario " + scenario + ": compare, warm, clients, repromote, mount or large");
            }
        }
        System.out.printf(Locale.ROOT, "done, %s%n", loadAverage());
    }

    /**
     * Each tool copies into its own empty registry each run: nothing to skip and nothing to mount (skopeo would mount
     * blobs it saw in another repository of the same registry). Ours is the CLI, or in-process after warm-up.
     */
    private void compare(LocalRegistry source, int runs, int layers, int mib, boolean inProcess) throws Exception {
        PushedImage image = push(source, layers, (long) mib << 20);
        if (inProcess) {
            for (int i = 0; i < 2; i++) {
                try (LocalRegistry destination = new LocalRegistry().start()) {
                    promoteInProcess(image.reference(), destination.reference(REPOSITORY + ":1.0"), image);
                }
            }
        } else {
            jvmFloor(3);
            firstCliRun();
        }
        Samples ours = new Samples();
        Samples skopeo = new Samples();
        List<Double> ratios = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (int turn = 0; turn < 2; turn++) {
                try (LocalRegistry destination = new LocalRegistry().start()) {
                    String target = destination.reference(REPOSITORY + ":1.0");
                    if ((run + turn) % 2 == 1) {
                        ours.add(inProcess ? inProcessRun(image.reference(), target, image) : cli(image, target));
                    } else {
                        skopeo.add(skopeo(image.reference(), target));
                    }
                }
            }
            ratios.add(ours.lastSeconds() / skopeo.lastSeconds());
            System.out.printf(
                    Locale.ROOT,
                    "run %d: ours %s | skopeo %s | ratio %.2f%n",
                    run,
                    ours.last(),
                    skopeo.last(),
                    ours.lastSeconds() / skopeo.lastSeconds());
        }
        System.out.printf(
                Locale.ROOT,
                "median of %d: ours (%s) %s | skopeo %s | median ratio ours/skopeo %.2f%n",
                runs,
                inProcess ? "in-process, warm" : "bin/delivery, new JVM",
                ours.summary(),
                skopeo.summary(),
                median(ratios));
    }

    /** The two ways blob bodies can travel in-process, and skopeo, in one run: who goes first rotates. */
    private void clients(LocalRegistry source, int runs, int layers, int mib) throws Exception {
        PushedImage image = push(source, layers, (long) mib << 20);
        for (boolean jdkClient : new boolean[] {false, true, false, true}) {
            try (LocalRegistry destination = new LocalRegistry().start()) {
                promoteInProcess(image.reference(), destination.reference(REPOSITORY + ":1.0"), image, jdkClient);
            }
        }
        Samples own = new Samples();
        Samples jdk = new Samples();
        Samples skopeo = new Samples();
        List<Samples> order = List.of(own, jdk, skopeo);
        // The registries run on the same two cores; their CPU per copy says how much is left for the copier.
        Map<Samples, List<Double>> registryCpu =
                Map.of(own, new ArrayList<>(), jdk, new ArrayList<>(), skopeo, new ArrayList<>());
        for (int run = 1; run <= runs; run++) {
            for (int turn = 0; turn < 3; turn++) {
                Samples who = order.get((run + turn) % 3);
                try (LocalRegistry destination = new LocalRegistry().start()) {
                    String target = destination.reference(REPOSITORY + ":1.0");
                    double before = source.cpuSeconds() + destination.cpuSeconds();
                    if (who == skopeo) {
                        skopeo.add(skopeo(image.reference(), target));
                    } else {
                        who.add(inProcessRun(image.reference(), target, image, who == jdk));
                    }
                    registryCpu.get(who).add(source.cpuSeconds() + destination.cpuSeconds() - before);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "run %d: own connections %s | JDK client %s | skopeo %s%n",
                    run,
                    own.last(),
                    jdk.last(),
                    skopeo.last());
        }
        System.out.printf(
                Locale.ROOT,
                "registries' CPU per copy (medians, both registries): own connections %.2f s, JDK client %.2f s,"
                        + " skopeo %.2f s%n",
                median(registryCpu.get(own)),
                median(registryCpu.get(jdk)),
                median(registryCpu.get(skopeo)));
        System.out.printf(
                Locale.ROOT,
                "median of %d: own connections %s | JDK client %s | skopeo %s | ratios of medians to skopeo: own %.2f,"
                        + " JDK client %.2f%n",
                runs,
                own.summary(),
                jdk.summary(),
                skopeo.summary(),
                own.medianSeconds() / skopeo.medianSeconds(),
                jdk.medianSeconds() / skopeo.medianSeconds());
    }

    /** The whole image is at the destination already: every blob is skipped, only manifests are read and written. */
    private void repromote(LocalRegistry source, int runs, int layers, int mib) throws Exception {
        PushedImage image = push(source, layers, (long) mib << 20);
        try (LocalRegistry destination = new LocalRegistry().start()) {
            String target = destination.reference(REPOSITORY + ":1.0");
            PromoteResult first = promoteInProcess(image.reference(), target, image);
            System.out.printf(Locale.ROOT, "first promotion: %s%n", first.toMap());
            Supplier<String> expected = () -> "\"blobsCopied\":0,\"blobsMounted\":0,\"blobsSkipped\":" + (layers + 1);
            for (int i = 0; i < 2; i++) {
                expectCounts(promoteInProcess(image.reference(), target, image), 0, 0, layers + 1);
            }
            jvmFloor(3);
            firstCliRun();
            Samples inProcess = new Samples();
            Samples cli = new Samples();
            Samples skopeo = new Samples();
            for (int run = 1; run <= runs; run++) {
                for (int turn = 0; turn < 3; turn++) {
                    switch ((run + turn) % 3) {
                        case 0 -> inProcess.add(inProcessRun(image.reference(), target, image, 0, 0, layers + 1));
                        case 1 -> cli.add(cli(image, target, expected.get()));
                        default -> skopeo.add(skopeo(image.reference(), target));
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "run %d: in-process %s | CLI %s | skopeo %s%n",
                        run,
                        inProcess.last(),
                        cli.last(),
                        skopeo.last());
            }
            System.out.printf(
                    Locale.ROOT,
                    "median of %d, repeat promotion of %d layers: in-process %s | CLI %s | skopeo %s%n",
                    runs,
                    layers,
                    inProcess.summary(),
                    cli.summary(),
                    skopeo.summary());
        }
    }

    /** Same registry, a new repository each run: every blob is mounted from the source repository. */
    private void mount(LocalRegistry source, int runs, int layers, int mib) throws Exception {
        PushedImage image = push(source, layers, (long) mib << 20);
        int blobs = layers + 1;
        for (int i = 0; i < 2; i++) {
            expectCounts(
                    promoteInProcess(image.reference(), source.reference("bench/warmup-" + i + ":1.0"), image),
                    0,
                    blobs,
                    0);
        }
        Samples inProcess = new Samples();
        Samples cli = new Samples();
        Samples skopeo = new Samples();
        for (int run = 1; run <= runs; run++) {
            for (int turn = 0; turn < 3; turn++) {
                switch ((run + turn) % 3) {
                    case 0 ->
                        inProcess.add(inProcessRun(
                                image.reference(),
                                source.reference("bench/inprocess-" + run + ":1.0"),
                                image,
                                0,
                                blobs,
                                0));
                    case 1 ->
                        cli.add(cli(
                                image,
                                source.reference("bench/cli-" + run + ":1.0"),
                                "\"blobsCopied\":0,\"blobsMounted\":" + blobs
                                        + ",\"blobsSkipped\":0,\"bytesCopied\":0"));
                    default -> skopeo.add(skopeo(image.reference(), source.reference("bench/skopeo-" + run + ":1.0")));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "run %d: in-process %s | CLI %s | skopeo %s%n",
                    run,
                    inProcess.last(),
                    cli.last(),
                    skopeo.last());
        }
        System.out.printf(
                Locale.ROOT,
                "median of %d, mount of %d blobs into a new repository: in-process %s | CLI %s | skopeo %s%n",
                runs,
                blobs,
                inProcess.summary(),
                cli.summary(),
                skopeo.summary());
    }

    private void large(LocalRegistry source, int gib, String xmx, int runs) throws Exception {
        firstCliRun();
        PushedImage image = push(source, 1, (long) gib << 30);
        Samples ours = new Samples();
        Samples skopeo = new Samples();
        for (int run = 1; run <= runs; run++) {
            for (int turn = 0; turn < 2; turn++) {
                try (LocalRegistry destination = new LocalRegistry().start()) {
                    String target = destination.reference(REPOSITORY + ":1.0");
                    if ((run + turn) % 2 == 1) {
                        ours.add(measured(
                                Map.of("DELIVERY_JAVA_OPTS", "-Xmx" + xmx), cliCommand(image.reference(), target)));
                        check(ours.lastResult, image, "");
                    } else {
                        skopeo.add(skopeo(image.reference(), target));
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT, "run %d: ours -Xmx%s %s | skopeo %s%n", run, xmx, ours.last(), skopeo.last());
        }
        System.out.printf(
                Locale.ROOT,
                "median of %d, 1 layer of %d GiB: ours (-Xmx%s) %s | skopeo %s | ratio %.2f; %s%n",
                runs,
                gib,
                xmx,
                ours.summary(),
                skopeo.summary(),
                ours.medianSeconds() / skopeo.medianSeconds(),
                ours.lastResult.stdout.strip());
    }

    private PushedImage push(LocalRegistry source, int layers, long layerBytes) {
        long started = System.nanoTime();
        PushedImage image = new ImageFixtures(source).pushStreamedImage(REPOSITORY, "1.0", layers, layerBytes);
        System.out.printf(
                Locale.ROOT,
                "image: %d layer(s) x %d MiB, %s (pushed in %.1f s)%n",
                layers,
                layerBytes >> 20,
                image.digest(),
                (System.nanoTime() - started) / 1e9);
        return image;
    }

    /** What every CLI run pays before any registry work: JVM start, picocli, reference parsing. */
    /**
     * The first {@code bin/delivery promote} after a build lists the classes it loads and dumps the class-data archive
     * that later runs map (bin/delivery); a one-time cost per build, printed here and kept out of the runs.
     */
    private void firstCliRun() throws Exception {
        // registries of its own: the benchmark's image keeps its tag in the source
        try (LocalRegistry source = new LocalRegistry().start();
                LocalRegistry destination = new LocalRegistry().start()) {
            PushedImage small = push(source, 1, 1 << 20);
            Result first =
                    measured(Map.of(), cliCommand(small.reference(), destination.reference(REPOSITORY + ":1.0")));
            check(first, small, "");
            System.out.printf(
                    Locale.ROOT,
                    "CLI first run after a build (1 MiB image; writes the class-data archive, not counted): %.3f s%n",
                    first.seconds());
        }
    }

    private void jvmFloor(int runs) throws Exception {
        Samples floor = new Samples();
        for (int i = 0; i < runs; i++) {
            floor.add(measured(
                    Map.of(), List.of(root.resolve("bin/delivery").toString(), "ref", "localhost:5000/x:1", "--json")));
        }
        System.out.printf(
                Locale.ROOT, "JVM floor (bin/delivery ref, no network), median of %d: %s%n", runs, floor.summary());
    }

    private Result inProcessRun(String from, String to, PushedImage image) {
        return inProcessRun(from, to, image, -1, -1, -1);
    }

    /** Times one promotion in this JVM and the peak heap it used (collected before, so the peak is this run's). */
    private Result inProcessRun(String from, String to, PushedImage image, boolean jdkClient) {
        return inProcessRun(from, to, image, -1, -1, -1, jdkClient);
    }

    private Result inProcessRun(String from, String to, PushedImage image, int copied, int mounted, int skipped) {
        return inProcessRun(from, to, image, copied, mounted, skipped, false);
    }

    private Result inProcessRun(
            String from, String to, PushedImage image, int copied, int mounted, int skipped, boolean jdkClient) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        System.gc();
        long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        PromoteResult result = promoteInProcess(from, to, image, jdkClient);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        // The sum of each pool's peak: an upper bound of the heap in use at any one moment.
        long peak =
                heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        if (copied >= 0) {
            expectCounts(result, copied, mounted, skipped);
        }
        return new Result(0, seconds, cpuSeconds, result.toMap().toString(), "", -1, peak >> 20, before >> 20);
    }

    private static PromoteResult promoteInProcess(String from, String to, PushedImage image) {
        return promoteInProcess(from, to, image, false);
    }

    private static PromoteResult promoteInProcess(String from, String to, PushedImage image, boolean jdkClient) {
        PromoteResult result = new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(from))
                        .destination(ImageReference.parse(to))
                        .jdkClientForBlobs(jdkClient)
                        .build());
        if (!result.digest().equals(image.digest())) {
            throw new IllegalStateException("digest changed: " + result.toMap());
        }
        return result;
    }

    private static void expectCounts(PromoteResult result, int copied, int mounted, int skipped) {
        if (result.blobsCopied() != copied || result.blobsMounted() != mounted || result.blobsSkipped() != skipped) {
            throw new IllegalStateException("expected " + copied + " copied, " + mounted + " mounted, " + skipped
                    + " skipped: " + result.toMap());
        }
    }

    private Result cli(PushedImage image, String target) throws Exception {
        return cli(image, target, "");
    }

    private Result cli(PushedImage image, String target, String expected) throws Exception {
        Result result = measured(Map.of(), cliCommand(image.reference(), target));
        check(result, image, expected);
        return result;
    }

    private List<String> cliCommand(String from, String to) {
        return List.of(root.resolve("bin/delivery").toString(), "promote", from, to, "--json");
    }

    private Result skopeo(String from, String to) throws Exception {
        Result result = measured(
                Map.of(),
                List.of(
                        "skopeo",
                        "copy",
                        "--all",
                        "--preserve-digests",
                        "--quiet",
                        "--src-tls-verify=false",
                        "--dest-tls-verify=false",
                        "docker://" + from,
                        "docker://" + to));
        if (result.exitCode != 0) {
            throw new IllegalStateException("skopeo failed: " + result.stderr);
        }
        return result;
    }

    private static void check(Result result, PushedImage image, String expected) {
        Matcher digest = DIGEST.matcher(result.stdout);
        if (result.exitCode != 0
                || !digest.find()
                || !digest.group(1).equals(image.digest().toString())
                || !result.stdout.contains(expected)) {
            throw new IllegalStateException("promote failed, changed the digest or did not say " + expected + ": "
                    + result.stdout + result.stderr);
        }
    }

    /** Runs a command under {@code /usr/bin/time -v}: wall time measured here, peak RSS from time's report. */
    private Result measured(Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        List<String> timed = new ArrayList<>(List.of(TIME.toString(), "-v"));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).directory(root.toFile());
        // BENCH_CLI_OPTS reaches bin/delivery's JVM, e.g. to record a flight recording of the CLI runs.
        String cliOptions = System.getenv().getOrDefault("BENCH_CLI_OPTS", "");
        builder.environment()
                .put(
                        "DELIVERY_JAVA_OPTS",
                        (environment.getOrDefault("DELIVERY_JAVA_OPTS", "") + " " + cliOptions).strip());
        Path err = Files.createTempFile("bench", ".err");
        builder.redirectError(err.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exitCode = process.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        String stderr = Files.readString(err);
        Files.delete(err);
        Matcher rss = RSS.matcher(stderr);
        long rssMiB = rss.find() ? Long.parseLong(rss.group(1)) >> 10 : -1;
        double cpuSeconds = 0;
        for (Matcher cpu = CPU.matcher(stderr); cpu.find(); ) {
            cpuSeconds += Double.parseDouble(cpu.group(1));
        }
        return new Result(exitCode, seconds, cpuSeconds, stdout, stderr, rssMiB, -1, -1);
    }

    private static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** One tool's runs: wall times, and peak RSS (a process) or peak heap (in-process). */
    private static final class Samples {
        private final List<Double> seconds = new ArrayList<>();
        private final List<Double> cpuSeconds = new ArrayList<>();
        private final List<Double> rssMiB = new ArrayList<>();
        private final List<Double> heapMiB = new ArrayList<>();
        private Result lastResult;

        void add(Result result) {
            lastResult = result;
            seconds.add(result.seconds);
            cpuSeconds.add(result.cpuSeconds);
            if (result.rssMiB >= 0) {
                rssMiB.add((double) result.rssMiB);
            }
            if (result.peakHeapMiB >= 0) {
                heapMiB.add((double) result.peakHeapMiB);
            }
        }

        double lastSeconds() {
            return lastResult.seconds;
        }

        double medianSeconds() {
            return median(seconds);
        }

        String last() {
            return lastResult.describe();
        }

        String summary() {
            StringBuilder text = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%.3f s (min %.3f, max %.3f), CPU %.2f s",
                    median(seconds),
                    seconds.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    median(cpuSeconds)));
            if (!rssMiB.isEmpty()) {
                text.append(String.format(
                        Locale.ROOT,
                        ", peak RSS median %.0f MiB (max %.0f)",
                        median(rssMiB),
                        rssMiB.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
            }
            if (!heapMiB.isEmpty()) {
                text.append(String.format(
                        Locale.ROOT,
                        ", peak heap median %.0f MiB (max %.0f)",
                        median(heapMiB),
                        heapMiB.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
            }
            return text.toString();
        }
    }

    private record Result(
            int exitCode,
            double seconds,
            double cpuSeconds,
            String stdout,
            String stderr,
            long rssMiB,
            long peakHeapMiB,
            long heapBeforeMiB) {
        String describe() {
            StringBuilder text =
                    new StringBuilder(String.format(Locale.ROOT, "%.3f s (CPU %.2f s)", seconds, cpuSeconds));
            if (rssMiB >= 0) {
                text.append(", RSS ").append(rssMiB).append(" MiB");
            }
            if (peakHeapMiB >= 0) {
                text.append(", peak heap ")
                        .append(peakHeapMiB)
                        .append(" MiB (live before ")
                        .append(heapBeforeMiB)
                        .append(")");
            }
            return text.toString();
        }
    }
}
