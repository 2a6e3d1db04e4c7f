package io.jenkins.plugins.awsdelivery.engine.selenium;

import io.jenkins.plugins.awsdelivery.engine.DeliveryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds files named by a user: a file, a folder (searched recursively) or an Ant-style pattern relative to a base
 * folder ({@code **} any number of folders, {@code *} any characters within a name, {@code ?} one character), e.g.
 * {@code **}{@code /target/surefire-reports/TEST-*.xml}.
 */
public final class ReportFiles {

    /** Files found, in a stable order and each once, and the patterns that matched nothing. */
    public record Found(List<Path> files, List<String> unmatched) {
        public Found {
            files = List.copyOf(files);
            unmatched = List.copyOf(unmatched);
        }
    }

    private ReportFiles() {}

    /** JUnit XML: a folder contributes its {@code *.xml} files. */
    public static Found xmlReports(Path base, List<String> patterns) {
        return find(base, patterns, file -> file.getFileName().toString().endsWith(".xml"));
    }

    /** Screenshots: a folder contributes its images. */
    public static Found images(Path base, List<String> patterns) {
        return find(base, patterns, ScreenshotIndex::isImage);
    }

    static Found find(Path base, List<String> patterns, Predicate<Path> folderFilter) {
        Set<Path> files = new LinkedHashSet<>();
        List<String> unmatched = new ArrayList<>();
        for (String pattern : patterns) {
            List<Path> matches = isPattern(pattern) ? glob(base, pattern) : literal(base, pattern, folderFilter);
            if (matches.isEmpty()) {
                unmatched.add(pattern);
            }
            files.addAll(matches);
        }
        return new Found(new ArrayList<>(files), unmatched);
    }

    static boolean isPattern(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    private static List<Path> literal(Path base, String name, Predicate<Path> folderFilter) {
        Path path = base.resolve(name).normalize();
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (Files.isDirectory(path)) {
            return walk(path, file -> folderFilter.test(file));
        }
        return List.of();
    }

    private static List<Path> glob(Path base, String pattern) {
        String[] segments = segments(pattern);
        int first = firstWildcardSegment(segments);
        Path root = searchRoot(base, pattern);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        String rest = String.join("/", Arrays.copyOfRange(segments, first, segments.length));
        Pattern regex = toRegex(rest);
        return walk(root, file -> regex.matcher(relative(root, file)).matches());
    }

    /**
     * Where {@code pattern} is searched: for a pattern, the folder named by its part before the first wildcard (only
     * that is walked); for a file or folder, the path itself.
     */
    static Path searchRoot(Path base, String pattern) {
        if (!isPattern(pattern)) {
            return base.resolve(pattern).normalize();
        }
        String[] segments = segments(pattern);
        StringBuilder prefix = new StringBuilder(pattern.replace('\\', '/').startsWith("/") ? "/" : "");
        for (int i = 0; i < firstWildcardSegment(segments); i++) {
            if (!segments[i].isEmpty()) {
                prefix.append(segments[i]).append('/');
            }
        }
        return base.resolve(prefix.toString()).normalize();
    }

    private static String[] segments(String pattern) {
        return pattern.replace('\\', '/').split("/");
    }

    private static int firstWildcardSegment(String[] segments) {
        int first = 0;
        while (first < segments.length - 1 && !isPattern(segments[first])) {
            first++;
        }
        return first;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static List<Path> walk(Path root, Predicate<Path> filter) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(filter).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DeliveryException("cannot list the files below " + root + ": " + e.getMessage()
                    + "; check that the folder is readable");
        }
    }

    /** Ant semantics: {@code **}{@code /} is zero or more folders, {@code *} stays within one name. */
    static Pattern toRegex(String antPattern) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < antPattern.length()) {
            char c = antPattern.charAt(i);
            if (antPattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (antPattern.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }
}
