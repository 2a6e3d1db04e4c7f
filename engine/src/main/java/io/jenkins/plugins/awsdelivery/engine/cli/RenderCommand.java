package io.jenkins.plugins.awsdelivery.engine.cli;

import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ImagePins;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ManifestLoader;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.ManifestRenderer;
import io.jenkins.plugins.awsdelivery.engine.kube.manifest.RenderedManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delivery render MANIFEST_PATH... --image NAME=REFERENCE... [--namespace NS]}: pin images, print YAML. */
@Command(
        name = "render",
        description = {
            "Print the manifests with images pinned to digests, as multi-document YAML (no cluster needed).",
            "Every container and initContainer image of a Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod or"
                    + " ReplicaSet whose repository is NAME (compared after Docker normalisation) becomes REFERENCE,"
                    + " which must carry a digest; everything else stays byte for byte as written."
        })
final class RenderCommand implements Runnable {

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
        List<RenderedManifest> rendered =
                ManifestRenderer.render(ManifestLoader.load(paths, Path.of("")), ImagePins.parse(images), namespace);
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < rendered.size(); i++) {
            if (i > 0) {
                out.print("---\n");
            }
            out.print(rendered.get(i).text());
            out.print("\n");
        }
        out.flush();
    }
}
