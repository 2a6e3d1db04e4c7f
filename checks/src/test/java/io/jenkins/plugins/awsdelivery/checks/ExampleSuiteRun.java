package io.jenkins.plugins.awsdelivery.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the example Selenium suite ({@code examples/webapp-e2e}) as a user would, {@code mvn test} with {@code
 * BASE_URL}, in a copy of the project so that the source tree gets no {@code target/}. Uses the Maven and the local
 * repository of the build that runs this test.
 */
final class ExampleSuiteRun {
    private static final long TIMEOUT_MINUTES = 10;

    final Path project;
    final int exitCode;
    final String output;

    private ExampleSuiteRun(Path project, int exitCode, String output) {
        this.project = project;
        this.exitCode = exitCode;
        this.output = output;
    }

    static ExampleSuiteRun against(String baseUrl, Path workFolder) throws IOException, InterruptedException {
        Path project = workFolder.resolve("webapp-e2e");
        Files.createDirectories(project);
        Path source = Repository.root().resolve("examples/webapp-e2e");
        Files.copy(source.resolve("pom.xml"), project.resolve("pom.xml"));
        TreeCopy.copy(source.resolve("src"), project.resolve("src"));

        List<String> command = new ArrayList<>(List.of(maven().toString(), "-B", "-ntp", "test"));
        String repoLocal = System.getProperty("maven.repo.local", "");
        if (!repoLocal.isBlank()) {
            command.add("-Dmaven.repo.local=" + repoLocal);
        }
        Path log = workFolder.resolve("mvn.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("BASE_URL", baseUrl);
        environment.remove("SELENIUM_REMOTE_URL");
        environment.remove("MAVEN_ARGS");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the example suite did not finish within " + TIMEOUT_MINUTES + " minutes; "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new ExampleSuiteRun(project, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    Path reports() {
        return project.resolve("target/surefire-reports");
    }

    Path screenshots() {
        return project.resolve("target/screenshots");
    }

    /**
     * The shell command line that runs the suite of {@code pom} ({@code mvn -B -ntp test -f …}) with this build's Maven
     * and local repository, for the engine's suite runner.
     */
    static String mavenCommandLine(String pom) {
        String repoLocal = System.getProperty("maven.repo.local", "");
        return "'" + maven() + "' -B -ntp test -f '" + pom + "'"
                + (repoLocal.isBlank() ? "" : " '-Dmaven.repo.local=" + repoLocal + "'");
    }

    private static Path maven() {
        String home = System.getProperty("maven.home", "");
        return home.isBlank() ? Path.of("mvn") : Path.of(home, "bin", "mvn");
    }
}
