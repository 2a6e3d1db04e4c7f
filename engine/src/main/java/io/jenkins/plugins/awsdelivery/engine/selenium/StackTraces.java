package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.util.List;

/** Shortens a stack trace to what a reader needs: the message and the frames of the user's own code. */
final class StackTraces {
    static final int MAX_LINES = 40;

    /** Frames of test runners, reflection and build tools; a run of them is folded into one line. */
    private static final List<String> FRAMEWORK_FRAMES = List.of(
            "org.junit.",
            "junit.framework.",
            "org.testng.",
            "org.apache.maven.surefire.",
            "org.gradle.",
            "jdk.internal.",
            "java.base/jdk.internal.",
            "java.lang.reflect.",
            "java.base/java.lang.reflect.",
            "sun.reflect.",
            "java.base/java.util.",
            "java.util.",
            "org.opentest4j.",
            "node_modules/",
            "node:internal");

    private StackTraces() {}

    static String trim(String trace) {
        if (trace == null || trace.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int written = 0;
        int folded = 0;
        for (String line : trace.strip().split("\\R")) {
            if (written >= MAX_LINES) {
                out.append("...\n");
                break;
            }
            if (isFrameworkFrame(line)) {
                folded++;
                continue;
            }
            if (folded > 0) {
                out.append("    ... ").append(folded).append(" framework frames\n");
                written++;
                folded = 0;
            }
            out.append(line.stripTrailing()).append('\n');
            written++;
        }
        if (folded > 0 && written < MAX_LINES) {
            out.append("    ... ").append(folded).append(" framework frames\n");
        }
        return out.toString().stripTrailing();
    }

    private static boolean isFrameworkFrame(String line) {
        String frame = line.strip();
        if (!frame.startsWith("at ")) {
            return false;
        }
        String location = frame.substring(3);
        for (String prefix : FRAMEWORK_FRAMES) {
            if (location.startsWith(prefix) || location.contains("(" + prefix) || location.contains("/" + prefix)) {
                return true;
            }
        }
        return false;
    }
}
