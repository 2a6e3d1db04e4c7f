package io.jenkins.plugins.awsdelivery.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps as the Markdown documentation describes them. A step's section starts at a heading that begins with the
 * step's name in backticks ({@code ## `ecrPush`}, {@code ### `ecrPush`: build and push}) and ends at the next heading
 * of the same or a higher level. In it, a table whose first header cell is {@code parameter} (or {@code name}) lists
 * one parameter per row, and a table whose first header cell is {@code returns} (or {@code return field}, {@code
 * field}, {@code key}) lists the fields of the returned Map; the first cell of a row holds the name in backticks
 * (several names may share a row: {@code `source`, `destination`}; {@code `resources[kind,name,revision]`} documents
 * {@code resources}). A sentence of the section's prose that says {@code returns} documents the names in backticks
 * that follow it in that sentence ({@code Returns `cluster`, `namespace` and `images`.}).
 */
final class StepDocs {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern STEP_HEADING = Pattern.compile("^`([A-Za-z][A-Za-z0-9]*)(?:\\([^`]*\\))?`.*$");
    private static final Pattern NAME_IN_BACKTICKS = Pattern.compile("`([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern RETURNS_SENTENCE = Pattern.compile("(?i)\\breturns\\b(.*?)(?:\\.(?:\\s|$)|$)");
    private static final Set<String> PARAMETER_HEADERS = Set.of("parameter", "parameters", "name");
    private static final Set<String> RETURN_HEADERS =
            Set.of("returns", "return", "return field", "return fields", "return value", "field", "key");

    /** What the docs say about one step, and where. */
    record DocumentedStep(Set<String> parameters, Set<String> returns, List<String> places) {}

    private final Map<String, DocumentedStep> steps;

    private StepDocs(Map<String, DocumentedStep> steps) {
        this.steps = steps;
    }

    static StepDocs read(List<Path> markdownFiles, Path root) {
        Map<String, DocumentedStep> steps = new LinkedHashMap<>();
        for (Path file : markdownFiles) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
            readFile(lines, root.relativize(file.toAbsolutePath().normalize()).toString(), steps);
        }
        return new StepDocs(steps);
    }

    boolean documents(String step) {
        return steps.containsKey(step);
    }

    DocumentedStep step(String step) {
        return steps.getOrDefault(step, new DocumentedStep(Set.of(), Set.of(), List.of()));
    }

    Set<String> stepNames() {
        return steps.keySet();
    }

    private static void readFile(List<String> lines, String where, Map<String, DocumentedStep> steps) {
        String step = null;
        int stepLevel = 0;
        boolean inCode = false;
        StringBuilder paragraph = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean prose = !inCode
                    && !line.isBlank()
                    && !isTableRow(line)
                    && !HEADING.matcher(line).matches()
                    && !line.stripLeading().startsWith("```");
            if (prose) {
                paragraph.append(line.strip()).append(' ');
                continue;
            }
            if (step != null && paragraph.length() > 0) {
                readReturnsSentence(paragraph.toString(), steps.get(step).returns());
            }
            paragraph.setLength(0);
            if (line.stripLeading().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                int level = heading.group(1).length();
                if (step != null && level <= stepLevel) {
                    step = null;
                }
                Matcher stepHeading = STEP_HEADING.matcher(heading.group(2).strip());
                if (stepHeading.matches()) {
                    step = stepHeading.group(1);
                    stepLevel = level;
                    steps.computeIfAbsent(
                                    step,
                                    s -> new DocumentedStep(
                                            new LinkedHashSet<>(), new LinkedHashSet<>(), new ArrayList<>()))
                            .places()
                            .add(where + ":" + (i + 1));
                }
                continue;
            }
            if (step != null && isTableRow(line) && i + 1 < lines.size() && isSeparator(lines.get(i + 1))) {
                String header = normalise(firstCell(line));
                Set<String> target = PARAMETER_HEADERS.contains(header)
                        ? steps.get(step).parameters()
                        : RETURN_HEADERS.contains(header) ? steps.get(step).returns() : null;
                int row = i + 2;
                for (; row < lines.size() && isTableRow(lines.get(row)); row++) {
                    if (target != null) {
                        Matcher name = NAME_IN_BACKTICKS.matcher(firstCell(lines.get(row)));
                        while (name.find()) {
                            target.add(name.group(1));
                        }
                    }
                }
                i = row - 1;
            }
        }
        if (step != null && paragraph.length() > 0) {
            readReturnsSentence(paragraph.toString(), steps.get(step).returns());
        }
    }

    private static void readReturnsSentence(String paragraph, Set<String> returns) {
        Matcher sentence = RETURNS_SENTENCE.matcher(paragraph);
        while (sentence.find()) {
            Matcher name = NAME_IN_BACKTICKS.matcher(sentence.group(1));
            while (name.find()) {
                returns.add(name.group(1));
            }
        }
    }

    private static boolean isTableRow(String line) {
        return line.strip().startsWith("|");
    }

    private static boolean isSeparator(String line) {
        return line.strip().matches("\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?");
    }

    private static String firstCell(String row) {
        String stripped = row.strip().substring(1);
        int end = stripped.indexOf('|');
        return end < 0 ? stripped : stripped.substring(0, end);
    }

    private static String normalise(String cell) {
        return cell.replace("`", "").replace("*", "").strip().toLowerCase(Locale.ROOT);
    }
}
