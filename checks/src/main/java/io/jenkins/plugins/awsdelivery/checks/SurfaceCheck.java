package io.jenkins.plugins.awsdelivery.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks the plugin's Pipeline surface without Jenkins: what the step classes declare ({@code plugin/src/main/java}),
 * their Snippet Generator views and help ({@code plugin/src/main/resources}), the step tables of the documentation
 * ({@code README.md}, {@code docs/**}{@code /*.md}), and every Jenkinsfile and {@code .groovy} file under {@code docs/}
 * and {@code examples/}, which may pass only declared parameters and read only documented return fields.
 */
public final class SurfaceCheck {
    static final Path PLUGIN_SOURCES = Path.of("plugin/src/main/java");
    static final Path PLUGIN_RESOURCES = Path.of("plugin/src/main/resources");

    private SurfaceCheck() {}

    /** Runs every check on the repository at {@code root}; empty when all pass. */
    public static List<String> check(Path root) {
        Path base = root.toAbsolutePath().normalize();
        Problems problems = new Problems(base);
        Path sources = base.resolve(PLUGIN_SOURCES);
        if (!Files.isDirectory(sources)) {
            problems.add(base, 0, PLUGIN_SOURCES + " does not exist: there is no plugin to check");
            return problems.lines();
        }
        StepDocs docs = StepDocs.read(documentation(base), base);
        Map<String, Set<String>> parameters = new LinkedHashMap<>();
        Path resources = base.resolve(PLUGIN_RESOURCES);
        for (StepDeclaration step : PluginSteps.read(sources, problems)) {
            checkStep(step, base, docs, problems)
                    .ifPresent(symbol -> parameters.put(symbol, new TreeSet<>(step.parameters())));
        }
        if (Files.isDirectory(resources)) {
            JellyFiles.checkWellFormed(resources, problems);
        }
        checkGroovy(base, parameters, docs, problems);
        return problems.lines();
    }

    /**
     * Checks only the Jenkinsfiles and {@code .groovy} files of {@code root} against steps as {@code surfaceDocs}
     * document them (parameter and return tables), for when the plugin's sources are not at hand.
     */
    public static List<String> checkExamples(Path root, List<Path> surfaceDocs) {
        Path base = root.toAbsolutePath().normalize();
        Problems problems = new Problems(base);
        StepDocs docs = StepDocs.read(surfaceDocs, base);
        Map<String, Set<String>> parameters = new LinkedHashMap<>();
        for (String step : docs.stepNames()) {
            parameters.put(step, new TreeSet<>(docs.step(step).parameters()));
        }
        checkGroovy(base, parameters, docs, problems);
        return problems.lines();
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<String> problems = check(root);
        problems.forEach(System.err::println);
        if (!problems.isEmpty()) {
            System.err.println(problems.size() + " problem(s) in the plugin's Pipeline surface");
            System.exit(1);
        }
    }

    /** Checks one step class; its symbol when it has one. */
    private static Optional<String> checkStep(StepDeclaration step, Path base, StepDocs docs, Problems problems) {
        Path folder = step.resourceFolder(base.resolve(PLUGIN_RESOURCES));
        Path config = folder.resolve("config.jelly");
        if (!Files.isRegularFile(config)) {
            problems.add(
                    step.source(),
                    0,
                    step.simpleName() + " has no config.jelly; add " + base.relativize(config)
                            + " for the Snippet Generator");
        } else {
            JellyFiles.fields(config, problems).ifPresent(fields -> fields.stream()
                    .filter(field -> !step.parameters().contains(field.name()))
                    .forEach(field -> problems.add(
                            config,
                            field.line(),
                            "field=\"" + field.name()
                                    + "\" is not a parameter of " + step.simpleName()
                                    + nearest(field.name(), step.parameters())
                                    + "; parameters: " + step.parameters())));
        }
        for (String parameter : step.parameters()) {
            if (!Files.isRegularFile(folder.resolve("help-" + parameter + ".html"))) {
                problems.add(
                        step.source(),
                        0,
                        "parameter '" + parameter + "' of " + step.simpleName() + " has no help file; add help-"
                                + parameter + ".html next to config.jelly");
            }
        }
        if (step.symbol().isEmpty()) {
            problems.add(
                    step.source(),
                    0,
                    step.simpleName() + " has no @Symbol; put @Symbol(\"stepName\") on its"
                            + " descriptor, as Pipeline and the Snippet Generator know a step by it");
            return Optional.empty();
        }
        String symbol = step.symbol().get();
        if (!docs.documents(symbol)) {
            problems.add(
                    step.source(),
                    0,
                    "step '" + symbol + "' has no section in README.md or docs/; start one" + " with a heading '## `"
                            + symbol + "`' followed by a table '| parameter | ... |'");
            return Optional.of(symbol);
        }
        StepDocs.DocumentedStep documented = docs.step(symbol);
        for (String parameter : step.parameters()) {
            if (!documented.parameters().contains(parameter)) {
                problems.add(
                        step.source(),
                        0,
                        "parameter '" + parameter + "' of '" + symbol + "' has no row in its"
                                + " parameter table (" + String.join(", ", documented.places()) + "); add '| `"
                                + parameter
                                + "` | ... |'");
            }
        }
        for (String parameter : documented.parameters()) {
            if (!step.parameters().contains(parameter)) {
                problems.add(
                        step.source(),
                        0,
                        "the docs of '" + symbol + "' (" + String.join(", ", documented.places())
                                + ") list a parameter '" + parameter + "' that " + step.simpleName()
                                + " does not declare"
                                + nearest(parameter, step.parameters()));
            }
        }
        return Optional.of(symbol);
    }

    private static void checkGroovy(Path base, Map<String, Set<String>> parameters, StepDocs docs, Problems problems) {
        for (Path file : groovyFiles(base)) {
            GroovyUsage usage = GroovyUsage.of(file, parameters.keySet(), problems);
            for (GroovyUsage.StepCall call : usage.calls) {
                Set<String> declared = parameters.get(call.step());
                for (String argument : call.namedArguments()) {
                    if (!declared.contains(argument)) {
                        problems.add(
                                file,
                                call.line(),
                                call.step() + " has no parameter '" + argument + "'" + nearest(argument, declared)
                                        + "; it declares: " + String.join(", ", declared));
                    }
                }
            }
            for (GroovyUsage.ResultRead read : usage.reads) {
                Set<String> returns = docs.step(read.step()).returns();
                if (returns.isEmpty()) {
                    problems.add(
                            file,
                            read.line(),
                            read.variable() + "." + read.field() + ": the docs of '" + read.step()
                                    + "' list no return fields; document them in a '| returns | ... |' table");
                } else if (!returns.contains(read.field())) {
                    problems.add(
                            file,
                            read.line(),
                            read.variable() + "." + read.field() + ": '" + read.step()
                                    + "' returns no field '" + read.field() + "'" + nearest(read.field(), returns)
                                    + "; it returns: " + String.join(", ", returns));
                }
            }
        }
    }

    /** README.md and every Markdown file under docs/. */
    private static List<Path> documentation(Path base) {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(base.resolve("README.md"))) {
            files.add(base.resolve("README.md"));
        }
        files.addAll(walk(base.resolve("docs"), p -> p.getFileName().toString().endsWith(".md")));
        return files;
    }

    /** Every {@code .groovy} file and every Jenkinsfile ({@code Jenkinsfile}, {@code Jenkinsfile.*}) under docs/ and examples/. */
    static List<Path> groovyFiles(Path base) {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("docs", "examples")) {
            files.addAll(walk(base.resolve(folder), p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".groovy") || name.equals("Jenkinsfile") || name.startsWith("Jenkinsfile.");
            }));
        }
        return files;
    }

    private static List<Path> walk(Path folder, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(filter)
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** {@code " (did you mean 'x'?)"} for a name within two edits of a known one, else empty. */
    static String nearest(String name, java.util.Collection<String> known) {
        return known.stream()
                .filter(candidate -> editDistance(name.toLowerCase(), candidate.toLowerCase()) <= 2)
                .min(Comparator.comparingInt(candidate -> editDistance(name, candidate)))
                .map(candidate -> " (did you mean '" + candidate + "'?)")
                .orElse("");
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
