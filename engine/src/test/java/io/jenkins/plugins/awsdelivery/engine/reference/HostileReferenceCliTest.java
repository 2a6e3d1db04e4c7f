package io.jenkins.plugins.awsdelivery.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.cli.DeliveryCommand;
import io.jenkins.plugins.awsdelivery.engine.testing.faults.FaultProxy;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code delivery promote} with a malformed SOURCE or DESTINATION: exit non-zero with one line on stderr that names
 * the parameter and the offending part, before any network call (a proxy in front of the registry sees nothing).
 */
class HostileReferenceCliTest {
    private static final String LONG_NAME = "team/" + "a".repeat(300);
    private static final String SHORT_DIGEST = "sha256:" + "a".repeat(63);
    private static final String LONG_DIGEST = "sha256:" + "a".repeat(65);

    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    private static FaultProxy proxy;

    @BeforeAll
    static void startProxy() throws IOException {
        proxy = FaultProxy.start(registry.url());
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    static Stream<Arguments> hostileReferences() {
        return Stream.of(
                Arguments.of("SOURCE", "team/app$:1.0", "\"app$\""),
                Arguments.of("SOURCE", "team/App:1.0", "must be lower-case"),
                Arguments.of("SOURCE", LONG_NAME + ":1.0", "the limit is 255"),
                Arguments.of("SOURCE", "team/app@" + SHORT_DIGEST, "has 63 hex digits"),
                Arguments.of("SOURCE", "team/app@sha256:" + "G".repeat(64), "only lower-case hex digits"),
                Arguments.of("SOURCE", "team/app@md5:d41d8cd98f00b204e9800998ecf8427e", "\"md5\""),
                Arguments.of("DESTINATION", "team/app:1.0;reboot", "invalid tag \"1.0;reboot\""),
                Arguments.of("DESTINATION", "team/app:" + "t".repeat(129), "the limit is 128"),
                Arguments.of("DESTINATION", "team/app@" + LONG_DIGEST, "has 65 hex digits"),
                Arguments.of("DESTINATION", "team/../etc:1.0", "\"..\""),
                Arguments.of("DESTINATION", "team/app\n:1.0\r\nX-Injected: yes", "invalid"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostileReferences")
    void promote_withAMalformedReference_exitsNonZeroNamingItWithoutANetworkCall(
            String parameter, String repositoryPart, String offendingPart) {
        String valid = proxy.hostPort() + "/team/app:1.0";
        String hostile = proxy.hostPort() + "/" + repositoryPart;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = DeliveryCommand.execute(
                parameter.equals("SOURCE")
                        ? new String[] {"promote", hostile, valid}
                        : new String[] {"promote", valid, hostile},
                new PrintWriter(out),
                new PrintWriter(err));

        String stderr = err.toString();
        assertThat(exitCode).isNotZero();
        assertThat(out.toString()).isEmpty();
        assertThat(stderr.strip()).as("one line").doesNotContain("\n").doesNotContain("\r");
        assertThat(stderr).startsWith("delivery promote: " + parameter + ": ").contains(offendingPart);
        assertThat(proxy.requests()).as("no request reached the registry").isEmpty();
    }
}
