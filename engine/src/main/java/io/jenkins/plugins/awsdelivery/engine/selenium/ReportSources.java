package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders a test report may copy files from: the working directory, the screenshot folders the user named, and
 * the folder of the JUnit XML file that names an attachment. Test output is written by the code under test, so an
 * {@code [[ATTACHMENT|../../etc/passwd]]}, an absolute path or a screenshot that is a symbolic link to a secret must
 * not put that file into a published report: a file is admitted by its real path ({@link Path#toRealPath}, every
 * symbolic link resolved), so a link or a {@code ..} that leads out of these folders is refused.
 */
public final class ReportSources {
    static final String OUTSIDE =
            "it leads outside the report's folder, the working directory and the screenshot folders; left out";

    private final List<Path> roots;

    private ReportSources(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** Only the folder of each JUnit XML file. */
    public static ReportSources none() {
        return new ReportSources(List.of());
    }

    /**
     * The working directory and the folders of the screenshot patterns (the part before the first wildcard), both
     * as the user named them; folders that do not exist add nothing.
     */
    public static ReportSources of(Path workingDirectory, List<String> screenshotPatterns) {
        List<Path> roots = new ArrayList<>();
        realPath(workingDirectory).ifPresent(roots::add);
        for (String pattern : screenshotPatterns) {
            realPath(ReportFiles.searchRoot(workingDirectory, pattern)).ifPresent(roots::add);
        }
        return new ReportSources(roots);
    }

    /**
     * The real path of {@code file} when it is a regular file below one of the roots or below {@code reportFolder}
     * (may be null); empty otherwise.
     */
    Optional<Path> admit(Path file, Path reportFolder) {
        Optional<Path> real = realPath(file).filter(Files::isRegularFile);
        if (real.isEmpty()) {
            return Optional.empty();
        }
        if (reportFolder != null
                && realPath(reportFolder).filter(real.get()::startsWith).isPresent()) {
            return real;
        }
        return roots.stream().anyMatch(real.get()::startsWith) ? real : Optional.empty();
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
