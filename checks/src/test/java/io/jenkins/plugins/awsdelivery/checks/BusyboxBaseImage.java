package io.jenkins.plugins.awsdelivery.checks;

import io.jenkins.plugins.awsdelivery.engine.testing.docker.DockerDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local stand-in for the public {@code busybox} image, which cannot be pulled here: Debian's static {@code
 * /bin/busybox} with a link for every applet it has ({@code busybox --list}), as the public image has, imported with
 * {@code docker import}.
 */
final class BusyboxBaseImage {
    static final String NAME = "local/busybox-all:latest";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxBaseImage() {}

    static synchronized String in(DockerDaemon docker) throws IOException, InterruptedException {
        if (docker.docker(List.of("image", "inspect", NAME)) == 0) {
            return NAME;
        }
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException(BUSYBOX + " is missing; install Debian's busybox-static (bin/test does)");
        }
        Path root = Files.createTempDirectory("busybox-all");
        try {
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            for (String applet : applets()) {
                Path link = bin.resolve(applet);
                if (!applet.equals("busybox") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, Path.of("busybox"));
                }
            }
            Files.createDirectories(root.resolve("tmp"));
            Path tar = root.resolve("rootfs.tar");
            run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "bin", "tmp"));
            if (docker.docker(List.of("import", tar.toString(), NAME)) != 0) {
                throw new IllegalStateException("cannot import " + BUSYBOX + " as the image " + NAME);
            }
            return NAME;
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static List<String> applets() throws IOException, InterruptedException {
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (list.waitFor() != 0) {
            throw new IllegalStateException(BUSYBOX + " --list failed");
        }
        return output.lines()
                .map(String::strip)
                .filter(s -> s.matches("[a-z0-9_.\\[-]+"))
                .toList();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
