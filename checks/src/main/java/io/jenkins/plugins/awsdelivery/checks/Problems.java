package io.jenkins.plugins.awsdelivery.checks;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the checks found wrong, once each: {@code path:line: what is wrong and what to do}. */
final class Problems {
    private final Path root;
    private final Set<String> lines = new LinkedHashSet<>();

    Problems(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    void add(Path file, int line, String message) {
        String where = root.relativize(file.toAbsolutePath().normalize()).toString();
        if (where.isEmpty()) {
            lines.add(message);
        } else {
            lines.add(line > 0 ? where + ":" + line + ": " + message : where + ": " + message);
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
