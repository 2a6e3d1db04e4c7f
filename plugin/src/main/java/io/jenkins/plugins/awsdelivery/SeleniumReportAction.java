package io.jenkins.plugins.awsdelivery;

import hudson.FilePath;
import hudson.Functions;
import hudson.model.DirectoryBrowserSupport;
import hudson.model.Run;
import java.io.File;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * One {@code seleniumTest} report, copied into the build folder and served from there as static files. The report has
 * no script and no inline style, so it renders under Jenkins's default Content-Security-Policy for user content.
 */
public final class SeleniumReportAction implements RunAction2 {
    static final String FOLDER = "selenium-reports";

    private final int number;
    private transient Run<?, ?> run;

    SeleniumReportAction(int number) {
        this.number = number;
    }

    /** The next free report number of the build, from 1. */
    static int next(Run<?, ?> run) {
        return run.getActions(SeleniumReportAction.class).size() + 1;
    }

    /** Where the report's files go: {@code <build>/selenium-reports/<number>}. */
    static File folder(Run<?, ?> run, int number) {
        return new File(new File(run.getRootDir(), FOLDER), Integer.toString(number));
    }

    public int getNumber() {
        return number;
    }

    /** Serves the report's files; reading them needs the artifacts permission, as for archived artifacts. */
    public DirectoryBrowserSupport doDynamic(StaplerRequest2 request, StaplerResponse2 response) {
        if (Functions.isArtifactsPermissionEnabled()) {
            run.checkPermission(Run.ARTIFACTS);
        }
        DirectoryBrowserSupport files = new DirectoryBrowserSupport(
                this, new FilePath(folder(run, number)), getDisplayName(), "symbol-document-text", false);
        files.setIndexFileName("index.html");
        return files;
    }

    @Override
    public String getIconFileName() {
        return "symbol-document-text";
    }

    @Override
    public String getDisplayName() {
        return number == 1 ? "Selenium report" : "Selenium report " + number;
    }

    @Override
    public String getUrlName() {
        return "selenium-" + number;
    }

    @Override
    public void onAttached(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public void onLoad(Run<?, ?> run) {
        this.run = run;
    }
}
