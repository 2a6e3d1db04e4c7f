package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.OperationAbortedException;
import io.jenkins.plugins.awsdelivery.engine.selenium.example.ExampleShop;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An aborted build interrupts the thread running the suite: the suite (a real JUnit run that opened Chromium through
 * the managed chromedriver and hangs) and every browser process are killed, and the run ends with
 * {@link OperationAbortedException}, not with a failure or a result.
 */
class SuiteAbortTest {
    private static final Pattern CHROMEDRIVER_PID = Pattern.compile("chromedriver \\(pid (\\d+)\\) ready");

    @TempDir
    Path workspace;

    private final RecordingSink sink = new RecordingSink();
    private final List<String> log = sink.lines();

    @Test
    void run_whenTheCallingThreadIsInterrupted_killsSuiteAndBrowserAndThrowsOperationAborted() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<SuiteResult> result = new AtomicReference<>();
        AtomicBoolean interruptFlagKept = new AtomicBoolean();
        Map<ProcessHandle, String> started = new HashMap<>();
        try (ExampleShop shop = ExampleShop.start()) {
            SuiteRequest request = SuiteCommands.hangingSuite(workspace, shop.url())
                    .timeout(Duration.ofMinutes(5))
                    .build();
            Thread build = new Thread(
                    () -> {
                        try {
                            result.set(new SuiteRunner(new LocalProcessRunner(), sink).run(request));
                        } catch (Throwable t) {
                            interruptFlagKept.set(Thread.currentThread().isInterrupted());
                            thrown.set(t);
                        }
                    },
                    "aborted build");
            build.start();
            awaitLogLine("now hanging", Duration.ofSeconds(120));
            suiteAndBrowserProcesses().forEach(p -> started.put(p, command(p)));

            build.interrupt();
            build.join(Duration.ofSeconds(60).toMillis());

            assertThat(build.isAlive())
                    .as("the run returned after the interrupt")
                    .isFalse();
        }
        assertThat(result.get()).as("an aborted run gives no result").isNull();
        assertThat(thrown.get())
                .isExactlyInstanceOf(OperationAbortedException.class)
                .hasMessageContaining("suite: running")
                .hasMessageEndingWith(": aborted");
        assertThat(interruptFlagKept).as("interrupt flag kept").isTrue();
        assertThat(started.values())
                .as("the suite's JVM, chromedriver and Chromium were running before the abort")
                .anySatisfy(command -> assertThat(command).endsWith("/java"))
                .anySatisfy(command -> assertThat(command).endsWith("/chromedriver"))
                .anySatisfy(command -> assertThat(command).matches(".*/chromium?"));
        assertThat(started.entrySet().stream()
                        .filter(e -> runs(e.getKey()))
                        .map(e -> e.getKey().pid() + " " + e.getValue()))
                .as("processes still running after the abort")
                .isEmpty();
    }

    /** The processes this JVM started (the suite's JVM, chromedriver, Chromium) and those naming the browser's folder. */
    private Set<ProcessHandle> suiteAndBrowserProcesses() throws IOException {
        Set<ProcessHandle> processes = new HashSet<>();
        ProcessHandle.current().descendants().forEach(processes::add);
        String privateDir = chromedriverHome().getParent().toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(privateDir))
                .forEach(processes::add);
        return processes;
    }

    /** The private HOME the managed browser gave chromedriver, read from its environment. */
    private Path chromedriverHome() throws IOException {
        long pid = log.stream()
                .map(CHROMEDRIVER_PID::matcher)
                .filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chromedriver pid in " + log));
        String environment = Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8);
        for (String variable : environment.split("\0")) {
            if (variable.startsWith("HOME=")) {
                return Path.of(variable.substring("HOME=".length()));
            }
        }
        throw new AssertionError("chromedriver " + pid + " has no HOME");
    }

    private static boolean runs(ProcessHandle process) {
        return process.isAlive() && !BrowserProcesses.isZombie(process.pid());
    }

    private static String command(ProcessHandle process) {
        return process.info().command().orElse("?");
    }

    private void awaitLogLine(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (log.stream().noneMatch(line -> line.contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line with '" + text + "' within " + limit + ": " + log);
            }
            Thread.sleep(100);
        }
    }
}
