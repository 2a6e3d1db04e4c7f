package io.jenkins.plugins.awsdelivery.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.testing.docker.DockerDaemon;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example image as users build it: {@code examples/webapp/Dockerfile} built by a real dockerd on a busybox base
 * made locally (nothing can be pulled), run with {@code --network host} on a loopback port, and the example Selenium
 * suite run against it with real Chromium.
 */
class ExampleImageTest {

    @Test
    void exampleImage_builtFromTheDockerfile_servesTheShopThatPassesTheSuite(@TempDir Path work) throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        String base = BusyboxBaseImage.in(docker);
        String image = "local/shop-web:example-image-test";
        docker.dockerOutput(List.of(
                "build",
                "-q",
                "-t",
                image,
                "--build-arg",
                "BASE_IMAGE=" + base,
                Repository.root().resolve("examples/webapp").toString()));

        int port = Loopback.freePort();
        String container =
                docker.dockerOutput(List.of("run", "-d", "--network", "host", "-e", "PORT=127.0.0.1:" + port, image));
        try {
            URI baseUrl = URI.create("http://127.0.0.1:" + port + "/");
            assertThat(Loopback.awaitOk(baseUrl.resolve("health.txt"), Duration.ofSeconds(20), () -> true))
                    .as("the container answers on %s", baseUrl)
                    .isTrue();
            assertThat(docker.dockerOutput(List.of("inspect", "--format", "{{.Config.User}}", image)))
                    .isEqualTo("65534:65534");

            ExampleSuiteRun run = ExampleSuiteRun.against(baseUrl.toString(), work);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).contains("Tests run: 6, Failures: 0, Errors: 0, Skipped: 0");
        } finally {
            docker.docker(List.of("rm", "-f", container));
            docker.docker(List.of("rmi", "-f", image));
        }
    }
}
