package io.jenkins.plugins.awsdelivery.engine.ecr;

import io.jenkins.plugins.awsdelivery.engine.aws.AwsConnection;
import io.jenkins.plugins.awsdelivery.engine.docker.ImageBuild;
import io.jenkins.plugins.awsdelivery.engine.docker.ImagePublisher;
import io.jenkins.plugins.awsdelivery.engine.docker.PushResult;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import io.jenkins.plugins.awsdelivery.engine.spi.LocalProcessRunner;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.AwsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.EcrEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.aws.StsEmulator;
import io.jenkins.plugins.awsdelivery.engine.testing.docker.DockerDaemon;
import io.jenkins.plugins.awsdelivery.engine.testing.registry.LocalRegistry;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times {@code ecrPush} (login, build, push, digest read-back) of a {@code FROM scratch} image with one layer of
 * random bytes against the same docker build and push run by hand, on the test dockerd and a local registry behind
 * the ECR emulator. Arguments: layer size in MB (default 50), runs (default 3). Fresh random content per run, so
 * every push uploads its layer.
 */
public final class EcrPushBenchmark {
    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DockerDaemon docker = DockerDaemon.shared();
        try (LocalRegistry registry = new LocalRegistry().start();
                AwsEmulator aws = AwsEmulator.start()) {
            StsEmulator sts = StsEmulator.on(aws);
            try (EcrEmulator ecr = EcrEmulator.on(aws, registry.url(), sts);
                    AwsConnection connection = AwsConnection.builder()
                            .environment(Map.of())
                            .region("eu-west-1")
                            .staticCredentials("AKIABENCH", "secret")
                            .endpointOverride(aws.endpoint())
                            .build();
                    Ecr client = Ecr.connect(connection, EventSink.discard())) {
                ecr.givenRepository("bench/app", "MUTABLE");
                List<Long> flow = new ArrayList<>();
                List<Long> manual = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    Path context = context(megabytes, run * 2L);
                    long start = System.nanoTime();
                    PushResult result = new EcrPush(
                                    client,
                                    ImagePublisher.create(new LocalProcessRunner(), EventSink.discard()),
                                    EventSink.discard())
                            .push(EcrPushRequest.builder()
                                    .repository("bench/app")
                                    .build(ImageBuild.builder()
                                            .context(context)
                                            .tag("run" + run)
                                            .dockerEnvironment(docker.environment())
                                            .build())
                                    .build());
                    flow.add((System.nanoTime() - start) / 1_000_000);
                    System.out.println("ecrPush " + megabytes + " MB: " + flow.get(run) + " ms " + result.digest());

                    Path other = context(megabytes, run * 2L + 1);
                    String image = registry.hostPort() + "/bench/manual:run" + run;
                    start = System.nanoTime();
                    check(docker.docker(List.of("build", "-q", "-t", image, other.toString())));
                    check(docker.docker(List.of("push", image)));
                    manual.add((System.nanoTime() - start) / 1_000_000);
                    System.out.println("docker build + push " + megabytes + " MB: " + manual.get(run) + " ms");
                    delete(context);
                    delete(other);
                }
                Collections.sort(flow);
                Collections.sort(manual);
                System.out.println("median ecrPush " + flow.get(runs / 2) + " ms, docker build + push by hand "
                        + manual.get(runs / 2) + " ms");
            }
        }
        System.exit(0);
    }

    private static Path context(int megabytes, long seed) throws Exception {
        Path context = Files.createTempDirectory("bench-context");
        Random random = new Random(seed ^ System.nanoTime());
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(context.resolve("payload.bin"))) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY payload.bin /\n");
        return context;
    }

    private static void delete(Path context) throws Exception {
        Files.delete(context.resolve("payload.bin"));
        Files.delete(context.resolve("Dockerfile"));
        Files.delete(context);
    }

    private static void check(int exitCode) {
        if (exitCode != 0) {
            throw new IllegalStateException("docker exited " + exitCode);
        }
    }
}
