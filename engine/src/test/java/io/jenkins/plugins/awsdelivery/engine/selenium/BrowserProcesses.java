package io.jenkins.plugins.awsdelivery.engine.selenium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** The chromedriver and Chromium processes running on this machine (zombies, which run no code, excluded). */
final class BrowserProcesses {
    private static final Set<String> PROGRAMS = Set.of("chromedriver", "chromium", "chrome", "chrome_crashpad_handler");

    private BrowserProcesses() {}

    static Set<Long> running() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .command()
                        .map(command ->
                                PROGRAMS.contains(Path.of(command).getFileName().toString()))
                        .orElse(false))
                .filter(process -> !isZombie(process.pid()))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Those running now that were not running in {@code before}, with their command lines, for messages. */
    static Set<String> startedSince(Set<Long> before) {
        return running().stream()
                .filter(pid -> !before.contains(pid))
                .map(pid -> pid + " "
                        + ProcessHandle.of(pid)
                                .flatMap(p -> p.info().commandLine())
                                .orElse("?"))
                .collect(Collectors.toSet());
    }

    /** Whether {@code pid} is a zombie (or gone): it runs no more code. */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && stat.length() > end + 2 && (stat.charAt(end + 2) == 'Z' || stat.charAt(end + 2) == 'X');
        } catch (IOException e) {
            return true;
        }
    }
}
