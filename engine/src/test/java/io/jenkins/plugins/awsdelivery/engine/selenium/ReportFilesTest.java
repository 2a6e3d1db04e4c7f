package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        for (String name : List.of(
                "TEST-top.xml",
                "app/target/surefire-reports/TEST-a.xml",
                "app/target/surefire-reports/a.txt",
                "lib/target/surefire-reports/TEST-b.xml",
                "lib/target/failsafe-reports/TEST-c.xml")) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "<testsuite/>");
        }
    }

    @Test
    void xmlReports_doubleStarPattern_matchesAtAnyDepthIncludingNone() {
        ReportFiles.Found found = ReportFiles.xmlReports(dir, List.of("**/TEST-*.xml"));

        assertThat(found.files())
                .extracting(file -> dir.relativize(file).toString())
                .containsExactlyInAnyOrder(
                        "TEST-top.xml",
                        "app/target/surefire-reports/TEST-a.xml",
                        "lib/target/surefire-reports/TEST-b.xml",
                        "lib/target/failsafe-reports/TEST-c.xml");
    }

    @Test
    void xmlReports_singleStar_staysWithinOneFolderName() {
        ReportFiles.Found found = ReportFiles.xmlReports(dir, List.of("*/target/surefire-reports/*.xml"));

        assertThat(found.files())
                .extracting(file -> dir.relativize(file).toString())
                .containsExactly("app/target/surefire-reports/TEST-a.xml", "lib/target/surefire-reports/TEST-b.xml");
    }

    @Test
    void xmlReports_folder_isSearchedRecursivelyForXmlOnly() {
        ReportFiles.Found found = ReportFiles.xmlReports(dir, List.of("app"));

        assertThat(found.files()).containsExactly(dir.resolve("app/target/surefire-reports/TEST-a.xml"));
    }

    @Test
    void xmlReports_patternMatchingNothing_isReportedAsUnmatched() {
        ReportFiles.Found found = ReportFiles.xmlReports(dir, List.of("TEST-top.xml", "build/**/*.xml"));

        assertThat(found.files()).containsExactly(dir.resolve("TEST-top.xml"));
        assertThat(found.unmatched()).containsExactly("build/**/*.xml");
    }
}
