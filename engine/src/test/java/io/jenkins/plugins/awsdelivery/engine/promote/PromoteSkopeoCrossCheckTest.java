package io.jenkins.plugins.awsdelivery.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsdelivery.engine.reference.Digest;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.ImageFixtures;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.PushedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An independent tool, skopeo, sees the same digests at the destination as at the source. */
class PromoteSkopeoCrossCheckTest {
    @RegisterExtension
    static final LocalRegistry sourceRegistry = new LocalRegistry();

    @RegisterExtension
    static final LocalRegistry destinationRegistry = new LocalRegistry();

    @Test
    void promote_ofAnIndex_isSeenBySkopeoWithTheSourceDigests() throws Exception {
        PushedImage index = new ImageFixtures(sourceRegistry).pushOciIndex("team/skopeo", "1.0", 5_000);
        String destination = destinationRegistry.reference("team/skopeo:1.0");

        new Promoter()
                .promote(PromoteRequest.builder()
                        .source(ImageReference.parse(index.reference()))
                        .destination(ImageReference.parse(destination))
                        .build());

        assertThat(Digest.sha256(skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + destination)))
                .isEqualTo(index.digest());
        for (Digest child : index.children()) {
            String byDigest = destinationRegistry.reference("team/skopeo@" + child);
            assertThat(Digest.sha256(skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + byDigest)))
                    .isEqualTo(child);
        }
        String amd64 = new String(
                        skopeo(
                                "inspect",
                                "--tls-verify=false",
                                "--override-os=linux",
                                "--override-arch=amd64",
                                "--format",
                                "{{.Digest}}",
                                "docker://" + destination),
                        StandardCharsets.UTF_8)
                .strip();
        assertThat(amd64).isEqualTo(index.digest().toString());
    }

    private static byte[] skopeo(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/skopeo"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("skopeo " + String.join(" ", args)).isZero();
        return output;
    }
}
