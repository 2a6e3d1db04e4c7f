package io.jenkins.plugins.awsdelivery.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Java 21 and later a promotion ends the JDK HTTP client's threads before it returns, without waiting for a garbage
 * collection ({@link NoThreadsLeftTest} runs on the build's Java 17, where only a collection ends them). In a JVM of
 * the newest JDK under {@code /usr/lib/jvm} (this machine kind has Temurin 25 there); the same JVM shows that a client
 * nobody shuts down keeps its selector thread, so the check can see one.
 */
class NoThreadsLeftOnJava21Test {
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    @TempDir
    Path workspace;

    @Test
    void promote_onJava21OrLater_leavesNoHttpClientThreadWithoutAGarbageCollection() throws Exception {
        PushedImage image = new ImageFixtures(registry).pushOciImage("threads21/source", "1", 2, 4096);
        Path java = newestJdk()
                .orElseThrow(() -> new AssertionError("no JDK 21 or newer in java.home or under /usr/lib/jvm; this"
                        + " machine kind has Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64"));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(
                java.toString(),
                "-cp",
                classPath,
                Probe.class.getName(),
                workspace.toString(),
                image.reference(),
                registry.hostPort() + "/threads21/destination:1");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output).contains("promote left: []");
        assertThat(output).as(output).containsPattern("control left: \\[.*HttpClient-\\d+-SelectorManager");
    }

    private static Optional<Path> newestJdk() throws IOException {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> children = Files.list(jvms)) {
                children.forEach(homes::add);
            }
        }
        return homes.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                .filter(home -> major(home) >= 21)
                .max(Comparator.comparingInt(NoThreadsLeftOnJava21Test::major))
                .map(home -> home.resolve("bin/java"));
    }

    private static int major(Path home) {
        try {
            Matcher version = VERSION.matcher(Files.readString(home.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Promotes, lists the JDK client threads still alive; then does the same for a client nobody shuts down. */
    static final class Probe {
        public static void main(String[] args) throws Exception {
            DeliveryContext context =
                    DeliveryContext.builder().workingDirectory(Path.of(args[0])).build();
            Delivery.promote(
                    context,
                    PromoteRequest.builder()
                            .source(args[1])
                            .destination(args[2])
                            .build());
            System.out.println("promote left: " + clientThreads());

            HttpClient control = HttpClient.newHttpClient();
            control.send(
                    HttpRequest.newBuilder(URI.create("http://" + args[2].substring(0, args[2].indexOf('/')) + "/v2/"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            System.out.println("control left: " + clientThreads());
        }

        private static Set<String> clientThreads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("HttpClient-"))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }
}
