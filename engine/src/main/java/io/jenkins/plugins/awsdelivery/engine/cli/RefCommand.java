package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import io.jenkins.plugins.awsdelivery.engine.api.RefRequest;
import io.jenkins.plugins.awsdelivery.engine.api.RefResult;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delivery ref REFERENCE [--json]}: parse and normalise an image reference, without any network call. */
@Command(
        mixinStandardHelpOptions = true,
        name = "ref",
        description = "Parse and normalise an image reference (no network). Exits non-zero when it is invalid.")
final class RefCommand implements Runnable {
    private static final ParameterNames NAMES = ParameterNames.of(Map.of("reference", "REFERENCE"));

    @Parameters(index = "0", paramLabel = "REFERENCE", description = "e.g. nginx, host:5000/team/app:1.0@sha256:...")
    String reference;

    @Option(names = "--json", description = "print {registry, repository, tag, digest, canonical} as JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        RefResult result = Delivery.ref(
                CommandContext.of(spec, false),
                RefRequest.builder().reference(reference).names(NAMES).build());
        spec.commandLine().getOut().println(json ? Json.write(result.toMap()) : result.canonical());
    }
}
