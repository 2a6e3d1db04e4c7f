package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.nio.file.Path;
import java.util.List;

/** Parses JUnit XML files and writes their report, in a JVM of its own: {@code ReportProgram REPORT_DIR XML...}. */
final class ReportProgram {
    private ReportProgram() {}

    public static void main(String[] args) {
        List<Path> files =
                List.of(args).subList(1, args.length).stream().map(Path::of).toList();
        HtmlReport.write(new JunitParser().parse(files), Path.of(args[0]), "Report");
    }
}
