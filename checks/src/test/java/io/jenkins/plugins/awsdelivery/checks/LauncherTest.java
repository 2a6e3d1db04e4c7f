package io.jenkins.plugins.awsdelivery.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/delivery}'s class-data-sharing archive, with the CLI jar the engine module packaged: a copy of the launcher
 * and the jar in a folder of their own, so that archives made here never touch the real ones. Whether the JVM maps the
 * archive is read from the JVM's own class-loading log.
 */
class LauncherTest {
    private static final String REFERENCE = "team/app:1.0";

    @TempDir
    Path root;

    private Path target;
    private Path jar;

    @BeforeEach
    void copyLauncherAndJar() throws IOException {
        Path repository = Repository.root();
        Path built;
        try (Stream<Path> files = Files.list(repository.resolve("engine/target"))) {
            built = files.filter(
                            file -> file.getFileName().toString().matches("aws-container-delivery-engine-.*-cli\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no CLI jar in engine/target; run the build from the repository root (mvn verify)"));
        }
        Files.createDirectories(root.resolve("bin"));
        target = Files.createDirectories(root.resolve("engine/target"));
        Files.copy(
                repository.resolve("bin/delivery"), root.resolve("bin/delivery"), StandardCopyOption.COPY_ATTRIBUTES);
        jar = Files.copy(built, target.resolve(built.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    }

    @Test
    void firstRun_leavesOneArchive_andLaterRunsMapTheCommandsClassesFromIt() throws Exception {
        Run first = delivery(Map.of(), "ref", REFERENCE, "--json");

        assertThat(first.exitCode).as(first.stderr).isZero();
        assertThat(first.stderr).isEmpty();
        assertThat(filesBesideTheJar()).hasSize(2);
        assertThat(archives(filesBesideTheJar()))
                .singleElement()
                .asString()
                .contains("-cli-ref-")
                .endsWith(".jsa");

        Path log = root.resolve("classes.log");
        Run second =
                delivery(Map.of("DELIVERY_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "ref", REFERENCE, "--json");

        assertThat(second.exitCode).as(second.stderr).isZero();
        assertThat(second.stdout).isEqualTo(first.stdout).contains("\"repository\":\"team/app\"");
        assertThat(second.stderr).isEmpty();
        List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(loaded)
                .as("the command's own classes come from the archive")
                .anyMatch(line -> line.contains(" io.jenkins.plugins.awsdelivery.engine.cli.RefCommand ")
                        && line.contains("source: shared objects file"));
        // picocli's class files are older than Java 6: only a static archive holds them on JDK 17
        assertThat(loaded)
                .as("picocli comes from the archive")
                .anyMatch(line -> line.contains(" picocli.CommandLine$Model$CommandSpec ")
                        && line.contains("source: shared objects file"));
        assertThat(filesBesideTheJar()).hasSize(2).contains(jarName());
    }

    @Test
    void failingCommand_leavesNoArchiveAndNoClassList() throws Exception {
        Run run = delivery(Map.of(), "ref", "Not A Reference!");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.stderr.strip())
                .startsWith("delivery ref:")
                .doesNotContain("\n")
                .doesNotContainIgnoringCase("cds");
        assertThat(filesBesideTheJar()).containsExactly(jarName());
    }

    @Test
    void unknownCommand_leavesNoArchive() throws Exception {
        Run run = delivery(Map.of(), "nosuch");

        assertThat(run.exitCode).isEqualTo(64);
        assertThat(filesBesideTheJar()).containsExactly(jarName());
    }

    @Test
    void sharingTurnedOff_leavesNoArchive() throws Exception {
        Run run = delivery(Map.of("DELIVERY_CDS", "0"), "ref", REFERENCE);

        assertThat(run.exitCode).as(run.stderr).isZero();
        assertThat(filesBesideTheJar()).containsExactly(jarName());
    }

    @Test
    void rebuiltJar_getsANewArchive_andTheOldOneGoes() throws Exception {
        assertThat(delivery(Map.of(), "ref", REFERENCE).exitCode).isZero();
        List<String> before = filesBesideTheJar();
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        Run run = delivery(Map.of(), "ref", REFERENCE);

        assertThat(run.exitCode).as(run.stderr).isZero();
        List<String> after = filesBesideTheJar();
        assertThat(after).hasSize(2).contains(jarName()).doesNotContainAnyElementsOf(archives(before));
    }

    private static List<String> archives(List<String> files) {
        return files.stream().filter(name -> name.endsWith(".jsa")).toList();
    }

    private String jarName() {
        return jar.getFileName().toString();
    }

    /** Everything the launcher left next to the jar, the jar included; sorted. */
    private List<String> filesBesideTheJar() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private Run delivery(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(root.resolve("bin/delivery").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().remove("DELIVERY_JAVA_OPTS");
        builder.environment().remove("DELIVERY_CDS");
        builder.environment().putAll(environment);
        Path err = Files.createTempFile(root, "stderr", ".txt");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/delivery " + String.join(" ", arguments) + " did not end");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        return new Run(process.exitValue(), stdout, stderr);
    }

    private static final class Run {
        final int exitCode;
        final String stdout;
        final String stderr;

        Run(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }
}
