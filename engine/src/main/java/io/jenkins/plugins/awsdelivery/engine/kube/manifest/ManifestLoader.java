package io.jenkins.plugins.awsdelivery.engine.kube.manifest;

import io.jenkins.plugins.awsdelivery.engine.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads Kubernetes manifests from files, directories (every {@code *.yaml}, {@code *.yml} and {@code *.json} below,
 * in name order) and globs ({@code k8s/*.yaml}, {@code deploy/**}{@code /*.yml}); each file may hold several YAML
 * documents. Invalid YAML is refused with the file and line; so are duplicate keys and alias bombs.
 *
 * <p>A manifest that is a symbolic link leading outside its folder (the folder walked, the glob's folder, or a named
 * file's own folder) is refused, naming the link: a checked-out repository must not make the deploy read other files
 * of the agent. {@link #followSymlinks(boolean) followSymlinks(true)} allows such links.
 */
public final class ManifestLoader {
    /** A real manifest never needs many aliases; a "billion laughs" document needs thousands. */
    private static final int MAX_ALIASES = 20;

    private static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    private final boolean followSymlinks;

    private ManifestLoader(boolean followSymlinks) {
        this.followSymlinks = followSymlinks;
    }

    /** A loader that refuses symbolic links leading out of a manifest folder. */
    public static ManifestLoader loader() {
        return new ManifestLoader(false);
    }

    /** With {@code true}, a manifest that is a symbolic link to a file outside its folder is read all the same. */
    public ManifestLoader followSymlinks(boolean follow) {
        return new ManifestLoader(follow);
    }

    /** Loads every document of every path, relative paths resolved against {@code baseDirectory}; links refused. */
    public static List<Manifest> load(List<String> paths, Path baseDirectory) {
        return loader().loadAll(paths, baseDirectory);
    }

    /** Loads every document of every path, relative paths resolved against {@code baseDirectory}. */
    public List<Manifest> loadAll(List<String> paths, Path baseDirectory) {
        if (paths == null || paths.isEmpty()) {
            throw new InvalidParameterException("manifests", "name at least one manifest file, directory or glob");
        }
        List<Manifest> manifests = new ArrayList<>();
        for (String path : paths) {
            for (Path file : expand(path, baseDirectory)) {
                String shown = display(path, file, baseDirectory);
                if (!followSymlinks) {
                    refuseLinkLeaving(shown, file, folderOf(path, file, baseDirectory));
                }
                manifests.addAll(parse(shown, read(file)));
            }
        }
        if (manifests.isEmpty()) {
            throw new InvalidParameterException(
                    "manifests", String.join(", ", paths) + " hold no Kubernetes objects; check the paths");
        }
        return List.copyOf(manifests);
    }

    /** Parses the documents of one file's text; {@code source} names the file in messages. */
    public static List<Manifest> parse(String source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Manifest> manifests = new ArrayList<>();
        try {
            for (Node node : yaml.composeAll(new java.io.StringReader(text))) {
                if (node == null
                        || (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL))) {
                    continue; // an empty document, e.g. between two ---
                }
                refuseDuplicateKeys(source, node);
                int line = node.getStartMark().getLine() + 1;
                if (!(node instanceof MappingNode mapping)) {
                    throw new InvalidParameterException(
                            "manifests",
                            source + ":" + line + ": a Kubernetes object must be a mapping with apiVersion and kind");
                }
                if (mapping.getValue().isEmpty()) {
                    continue;
                }
                Manifest manifest = new Manifest(source, line, text, mapping);
                if (manifest.kind().isEmpty() || manifest.apiVersion().isEmpty()) {
                    throw new InvalidParameterException(
                            "manifests", manifest.location() + ": the object has no apiVersion or kind");
                }
                if (manifest.kind().equals("List")) {
                    throw new InvalidParameterException(
                            "manifests",
                            manifest.location() + ": kind List is not supported; write its items as "
                                    + "separate documents separated by ---");
                }
                if (manifest.name().isEmpty()) {
                    throw new InvalidParameterException(
                            "manifests", manifest.location() + ": " + manifest.kind() + " has no metadata.name");
                }
                manifests.add(manifest);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source : source + ":" + (mark.getLine() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new InvalidParameterException("manifests", where + ": invalid YAML: " + problem);
        } catch (YAMLException e) {
            throw new InvalidParameterException("manifests", source + ": invalid YAML: " + e.getMessage());
        }
        return manifests;
    }

    /** The composer keeps duplicate keys (only the constructor would refuse them), so check here. */
    private static void refuseDuplicateKeys(String source, Node root) {
        java.util.Deque<Node> pending = new java.util.ArrayDeque<>(List.of(root));
        java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof MappingNode mapping) {
                java.util.Set<String> keys = new java.util.HashSet<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && !keys.add(key.getValue())) {
                        throw new InvalidParameterException(
                                "manifests",
                                source + ":" + (key.getStartMark().getLine() + 1) + ": invalid YAML: duplicate key "
                                        + key.getValue());
                    }
                    pending.push(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(pending::push);
            }
        }
    }

    /** The folder a manifest must stay in: the folder walked, the glob's folder, or a named file's own folder. */
    private static Path folderOf(String given, Path file, Path baseDirectory) {
        if (isGlob(given)) {
            return globRoot(given.replace('\\', '/'), baseDirectory);
        }
        Path named = baseDirectory.resolve(given);
        return Files.isDirectory(named) ? named : file.toAbsolutePath().getParent();
    }

    private static void refuseLinkLeaving(String shown, Path file, Path folder) {
        Path real;
        Path realFolder;
        try {
            real = file.toRealPath();
            realFolder = folder.toRealPath();
        } catch (IOException e) {
            throw new InvalidParameterException("manifests", "cannot read " + shown + ": " + e.getMessage());
        }
        if (!real.startsWith(realFolder)) {
            throw new InvalidParameterException(
                    "manifests",
                    shown + " is a symbolic link that leads outside " + folder + " (to " + real + "); replace the"
                            + " link by the file, or allow such links explicitly (followSymlinks)");
        }
    }

    private static List<Path> expand(String path, Path baseDirectory) {
        if (isGlob(path)) {
            return glob(path, baseDirectory);
        }
        Path file = baseDirectory.resolve(path);
        if (Files.isDirectory(file)) {
            try (Stream<Path> walk = Files.walk(file)) {
                return walk.filter(Files::isRegularFile)
                        .filter(ManifestLoader::isManifestFile)
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("listing manifest directory " + path, e);
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidParameterException("manifests", path + " does not exist; name a file, directory or glob");
        }
        return List.of(file);
    }

    private static List<Path> glob(String pattern, Path baseDirectory) {
        String unified = pattern.replace('\\', '/');
        Path root = globRoot(unified, baseDirectory);
        Path absolutePattern = baseDirectory.toAbsolutePath().resolve(unified).normalize();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolutePattern.toString());
        if (!Files.isDirectory(root)) {
            throw new InvalidParameterException(
                    "manifests", pattern + " matches no file: " + root + " is no directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> matcher.matches(file.toAbsolutePath().normalize()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("expanding glob " + pattern, e);
        }
        if (files.isEmpty()) {
            throw new InvalidParameterException("manifests", pattern + " matches no file");
        }
        return files;
    }

    /** The folder before the glob's first wildcard. */
    private static Path globRoot(String unified, Path baseDirectory) {
        int firstWildcard = indexOfWildcard(unified);
        int lastSlash = unified.lastIndexOf('/', firstWildcard);
        return baseDirectory.resolve(lastSlash < 0 ? "." : unified.substring(0, Math.max(lastSlash, 1)));
    }

    private static boolean isGlob(String path) {
        return indexOfWildcard(path) >= 0;
    }

    private static int indexOfWildcard(String path) {
        for (int i = 0; i < path.length(); i++) {
            if ("*?[{".indexOf(path.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isManifestFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String display(String given, Path file, Path baseDirectory) {
        if (!isGlob(given) && !Files.isDirectory(baseDirectory.resolve(given))) {
            return given;
        }
        Path absoluteBase = baseDirectory.toAbsolutePath().normalize();
        Path absoluteFile = file.toAbsolutePath().normalize();
        return absoluteFile.startsWith(absoluteBase)
                ? absoluteBase.relativize(absoluteFile).toString()
                : absoluteFile.toString();
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidParameterException(
                        "manifests", file + " is larger than 8 MiB; Kubernetes objects are limited to about 1.5 MiB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidParameterException("manifests", "cannot read " + file + ": " + e.getMessage());
        }
    }
}
