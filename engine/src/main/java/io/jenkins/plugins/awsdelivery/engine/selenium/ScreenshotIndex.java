package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Images found in screenshot folders, looked up by test. An image belongs to a test when its file name, compared
 * case-insensitively with every run of characters other than letters and digits treated alike, is one of:
 *
 * <ul>
 *   <li>{@code <classname>.<name>} or {@code <classname>/<name>} (a folder per class): e.g. {@code
 *       com.shop.CheckoutSuite.ordersTwo.png}, {@code com.shop.CheckoutSuite/ordersTwo().png}
 *   <li>{@code <name>}: e.g. {@code ordersTwo.png} (used only when no image matches the class and name)
 *   <li>a Cypress screenshot {@code <describe> -- <it> (failed).png}, matched against the test's name
 * </ul>
 */
public final class ScreenshotIndex {
    static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "gif", "webp");
    private static final Pattern CYPRESS_SUFFIX = Pattern.compile("\\s*\\((failed|attempt \\d+)\\)\\s*$");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    private final Map<String, List<Path>> byKey;
    private final ReportSources sources;
    private final List<SkippedFile> skipped;

    private ScreenshotIndex(Map<String, List<Path>> byKey, ReportSources sources, List<SkippedFile> skipped) {
        this.byKey = byKey;
        this.sources = sources;
        this.skipped = List.copyOf(skipped);
    }

    public static ScreenshotIndex empty() {
        return new ScreenshotIndex(Map.of(), ReportSources.none(), List.of());
    }

    /** Indexes the images among {@code files} (other files are ignored); the caller vouches for the files. */
    public static ScreenshotIndex of(List<Path> files) {
        Map<String, List<Path>> byKey = new HashMap<>();
        for (Path file : files) {
            if (isImage(file)) {
                Path absolute = file.toAbsolutePath().normalize();
                add(byKey, absolute, absolute);
            }
        }
        return new ScreenshotIndex(byKey, ReportSources.none(), List.of());
    }

    /**
     * The images that {@code patterns} name below {@code base}: files, folders (searched recursively) or Ant-style
     * patterns, as {@link ReportFiles#images} finds them. Without patterns, no screenshots. An image whose real path
     * leads outside {@code base} and the patterns' folders (a symbolic link to a file elsewhere) is left out and
     * listed in {@link #skipped()}. The index remembers these folders as the {@link #sources()} of attachments.
     */
    public static ScreenshotIndex find(Path base, List<String> patterns) {
        ReportSources sources = ReportSources.of(base, patterns);
        if (patterns.isEmpty()) {
            return new ScreenshotIndex(Map.of(), sources, List.of());
        }
        Map<String, List<Path>> byKey = new HashMap<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (Path file : ReportFiles.images(base, patterns).files()) {
            Path named = file.toAbsolutePath().normalize();
            sources.admit(named, null)
                    .ifPresentOrElse(
                            real -> add(byKey, named, real),
                            () -> skipped.add(new SkippedFile("screenshot " + named, ReportSources.OUTSIDE)));
        }
        return new ScreenshotIndex(byKey, sources, skipped);
    }

    /** The folders attachments of the tests may come from, besides the folder of their JUnit XML file. */
    public ReportSources sources() {
        return sources;
    }

    /** Screenshots left out because they lead outside the folders a report may read. */
    public List<SkippedFile> skipped() {
        return skipped;
    }

    /** Images of one test, most specific match first. */
    public List<Path> find(String className, String name) {
        if (byKey.isEmpty()) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        if (!className.isEmpty()) {
            found.addAll(byKey.getOrDefault(key(className + "." + name), List.of()));
        }
        if (found.isEmpty()) {
            found.addAll(byKey.getOrDefault(key(name), List.of()));
        }
        return List.copyOf(found);
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1));
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        String base = name.substring(0, name.lastIndexOf('.'));
        return CYPRESS_SUFFIX.matcher(base).replaceAll("");
    }

    static String key(String text) {
        String key = NOT_ALPHANUMERIC.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("_");
        int start = 0;
        int end = key.length();
        while (start < end && key.charAt(start) == '_') {
            start++;
        }
        while (end > start && key.charAt(end - 1) == '_') {
            end--;
        }
        return key.substring(start, end);
    }

    /** Indexes {@code real} under the names of {@code named}: the name a test's screenshot was given. */
    private static void add(Map<String, List<Path>> byKey, Path named, Path real) {
        String base = baseName(named);
        add(byKey, key(base), real);
        Path parent = named.getParent();
        if (parent != null && parent.getFileName() != null) {
            add(byKey, key(parent.getFileName() + "." + base), real);
        }
    }

    private static void add(Map<String, List<Path>> byKey, String key, Path file) {
        if (!key.isEmpty()) {
            List<Path> files = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            if (!files.contains(file)) {
                files.add(file);
            }
        }
    }
}
