package io.jenkins.plugins.awsdelivery.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a reader follows: every relative Markdown link in the README, docs/, examples/ and checks/ names a file. */
class DocumentationLinksTest {
    private static final Pattern CODE_BLOCK = Pattern.compile("```.*?```", Pattern.DOTALL);
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void relativeLinks_nameFilesOfTheRepository() throws IOException {
        Path root = Repository.root();
        List<String> broken = new ArrayList<>();
        for (Path page : markdownPages(root)) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            text = INLINE_CODE.matcher(CODE_BLOCK.matcher(text).replaceAll("")).replaceAll("");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("#") || target.matches("[a-zA-Z][a-zA-Z+.-]*:.*")) {
                    continue;
                }
                Path file =
                        page.getParent().resolve(target.replaceAll("#.*$", "")).normalize();
                if (!Files.exists(file) || !file.startsWith(root)) {
                    broken.add(root.relativize(page) + ": " + target);
                }
            }
        }

        assertThat(broken).isEmpty();
    }

    private static List<Path> markdownPages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CHANGELOG.md")));
        for (String folder : List.of("docs", "examples", "checks")) {
            try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
                walk.filter(p -> p.toString().endsWith(".md"))
                        .filter(p -> !p.toString().contains("/target/"))
                        .sorted()
                        .forEach(pages::add);
            }
        }
        return pages;
    }
}
