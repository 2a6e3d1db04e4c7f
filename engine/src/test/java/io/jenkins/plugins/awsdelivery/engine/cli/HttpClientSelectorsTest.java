package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The selector thread of an idle JDK HTTP client ends when {@link HttpClientSelectors#interruptAll} runs, so the JVM's
 * exit does not wait for it. In a JVM of its own: interrupting the selectors here would break other tests' clients.
 */
class HttpClientSelectorsTest {

    @Test
    void interruptAll_whenAClientIsIdle_endsItsSelectorThread() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                Probe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).contains("selectors 1, alive after interrupt 0");
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** Makes one request with a client, interrupts the selectors and reports whether any is still alive. */
    static final class Probe {
        public static void main(String[] args) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());

            Thread[] selectors = HttpClientSelectors.interruptAll();
            int alive = 0;
            for (Thread selector : selectors) {
                selector.join(TimeUnit.SECONDS.toMillis(5));
                alive += selector.isAlive() ? 1 : 0;
            }
            System.out.println("selectors " + selectors.length + ", alive after interrupt " + alive);
            server.stop(0);
        }
    }
}
