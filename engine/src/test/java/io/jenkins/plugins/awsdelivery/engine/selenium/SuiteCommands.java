package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.nio.file.Path;
import java.util.List;

/** Suite command lines as a user writes them: the JUnit console launcher running a suite class. */
final class SuiteCommands {
    private SuiteCommands() {}

    static List<String> consoleLauncher(String suiteClass, String reportsDir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire runs tests from a manifest-only jar; it names the real test class path in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(
                java,
                "-Xmx256m",
                "-cp",
                classPath,
                "org.junit.platform.console.ConsoleLauncher",
                "execute",
                "--disable-banner",
                "--disable-ansi-colors",
                "--details=tree",
                "--include-engine=junit-jupiter",
                // Puts what a test prints (the [[ATTACHMENT|path]] line of a screenshot) into its <system-out>.
                "--config=junit.platform.output.capture.stdout=true",
                "--select-class=" + suiteClass,
                "--reports-dir=" + reportsDir);
    }

    /** The example suite that opens Chromium through the managed browser against {@code baseUrl} and then hangs. */
    static SuiteRequest.Builder hangingSuite(Path workspace, String baseUrl) {
        return SuiteRequest.builder()
                .command(consoleLauncher(
                        "io.jenkins.plugins.awsdelivery.engine.selenium.example.ExampleHangingSuite", "test-reports"))
                .workingDirectory(workspace)
                .baseUrl(baseUrl)
                .managedBrowser(true)
                .reports("test-reports/*.xml");
    }
}
