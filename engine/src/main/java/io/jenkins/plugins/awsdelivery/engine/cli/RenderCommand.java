package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.ParameterNames;
import io.jenkins.plugins.awsdelivery.engine.api.RenderRequest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delivery render MANIFEST_PATH... --image NAME=REFERENCE... [--namespace NS]}: pin images, print YAML. */
@Command(
        mixinStandardHelpOptions = true,
        name = "render",
        description = {
            "Print the manifests with images pinned to digests, as multi-document YAML (no cluster needed).",
            "Every container and initContainer image of a Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod or"
                    + " ReplicaSet whose repository is NAME (compared after Docker normalisation) becomes REFERENCE,"
                    + " which must carry a digest; everything else stays byte for byte as written."
        })
final class RenderCommand implements Runnable {
    private static final ParameterNames NAMES = ParameterNames.of(Map.of(
            "manifests", "MANIFEST_PATH",
            "images", "--image",
            "image", "--image",
            "namespace", "--namespace"));

    @Parameters(arity = "1..*", paramLabel = "MANIFEST_PATH", description = "a file, a directory or a glob")
    List<String> paths;

    @Option(
            names = "--image",
            required = true,
            paramLabel = "NAME=REFERENCE",
            description = "e.g. shop/web=123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:...")
    List<String> images;

    @Option(names = "--namespace", paramLabel = "NS", description = "for namespaced objects that name none")
    String namespace;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        RenderRequest request = RenderRequest.builder()
                .manifests(paths)
                .images(Assignments.images(images))
                .namespace(namespace)
                .names(NAMES)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        out.print(Delivery.render(CommandContext.of(spec, false), request).yaml());
        out.flush();
    }
}
