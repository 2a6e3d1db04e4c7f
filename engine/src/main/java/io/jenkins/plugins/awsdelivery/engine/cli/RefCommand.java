package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delivery ref REFERENCE [--json]}: parse and normalise an image reference, without any network call. */
@Command(
        name = "ref",
        description = "Parse and normalise an image reference (no network). Exits non-zero when it is invalid.")
final class RefCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "REFERENCE", description = "e.g. nginx, host:5000/team/app:1.0@sha256:...")
    String reference;

    @Option(names = "--json", description = "print {registry, repository, tag, digest, canonical} as JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        ImageReference parsed = ImageReference.parse("REFERENCE", reference);
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("registry", parsed.registry());
            fields.put("repository", parsed.repository());
            fields.put("tag", parsed.tag().orElse(null));
            fields.put("digest", parsed.digest().map(Object::toString).orElse(null));
            fields.put("canonical", parsed.canonical());
            spec.commandLine().getOut().println(Json.write(fields));
        } else {
            spec.commandLine().getOut().println(parsed.canonical());
        }
    }
}
