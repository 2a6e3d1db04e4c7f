package io.jenkins.plugins.awsdelivery;

import hudson.AbortException;
import hudson.model.Run;
import hudson.util.AtomicFileWriter;
import io.jenkins.plugins.awsdelivery.engine.record.ApprovalEntry;
import io.jenkins.plugins.awsdelivery.engine.record.DeploymentEntry;
import io.jenkins.plugins.awsdelivery.engine.record.PromotionEntry;
import io.jenkins.plugins.awsdelivery.engine.record.PushEntry;
import io.jenkins.plugins.awsdelivery.engine.record.RecordEntry;
import io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecord;
import io.jenkins.plugins.awsdelivery.engine.record.ReleaseRecordJson;
import io.jenkins.plugins.awsdelivery.engine.record.TestRunEntry;
import jakarta.servlet.ServletException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The release record of one build: what it pushed, deployed, tested, who approved, what it promoted. Shown as a summary
 * on the build page and whole on its own page. The record lives in {@code release.json} in the build folder, written by
 * the engine's {@link ReleaseRecordJson}; {@code build.xml} holds only this action without fields, because Jenkins's
 * XStream is no place for the engine's types.
 */
public final class ReleaseRecordAction implements RunAction2 {
    static final String FILE_NAME = "release.json";
    private static final Logger LOGGER = Logger.getLogger(ReleaseRecordAction.class.getName());

    private transient Run<?, ?> run;
    private transient ReleaseRecord record;

    private ReleaseRecordAction(Run<?, ?> run) {
        this.run = run;
    }

    /**
     * Adds an entry to the build's record and writes {@code release.json}. The action is added on first use, and only
     * then is {@code build.xml} saved: it holds the action, never its entries.
     */
    static void append(Run<?, ?> run, RecordEntry entry) throws IOException {
        ReleaseRecordAction action;
        boolean added = false;
        synchronized (run) {
            action = run.getAction(ReleaseRecordAction.class);
            if (action == null) {
                action = new ReleaseRecordAction(run);
                run.addAction(action);
                added = true;
            }
        }
        action.add(entry);
        if (added) {
            run.save();
        }
    }

    /** The build's record, empty when no step of this plugin ran. */
    static ReleaseRecord of(Run<?, ?> run) {
        ReleaseRecordAction action = run.getAction(ReleaseRecordAction.class);
        return action == null ? ReleaseRecord.empty() : action.getRecord();
    }

    /**
     * The digest a step's {@code digest} parameter names or, without one, that of the build's last push (the image
     * under test or approval); null when neither.
     */
    static String digestOrLastPush(Run<?, ?> run, String digest) throws AbortException {
        if (digest != null) {
            return Values.digest("digest", digest);
        }
        List<PushEntry> pushes = of(run).entries(PushEntry.class);
        return pushes.isEmpty() ? null : pushes.get(pushes.size() - 1).digest().toString();
    }

    private synchronized void add(RecordEntry entry) throws IOException {
        ReleaseRecord updated = getRecord().with(entry);
        AtomicFileWriter writer = new AtomicFileWriter(file().toPath(), StandardCharsets.UTF_8);
        try {
            writer.write(ReleaseRecordJson.write(updated));
            writer.commit();
        } finally {
            writer.abort();
        }
        record = updated;
    }

    public synchronized ReleaseRecord getRecord() {
        if (record == null) {
            record = read();
        }
        return record;
    }

    private ReleaseRecord read() {
        File file = file();
        if (!file.isFile()) {
            return ReleaseRecord.empty();
        }
        try (InputStream in = Files.newInputStream(file.toPath())) {
            return ReleaseRecordJson.read(in);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot read " + file, e);
            return ReleaseRecord.empty();
        }
    }

    private File file() {
        return new File(run.getRootDir(), FILE_NAME);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public List<PushEntry> getPushes() {
        return getRecord().entries(PushEntry.class);
    }

    public List<DeploymentEntry> getDeployments() {
        return getRecord().entries(DeploymentEntry.class);
    }

    /** Test runs with failures first, then the others, each group oldest first. */
    public List<TestRunEntry> getTestRuns() {
        List<TestRunEntry> runs = getRecord().entries(TestRunEntry.class);
        return java.util.stream.Stream.concat(
                        runs.stream().filter(r -> !r.succeeded()), runs.stream().filter(TestRunEntry::succeeded))
                .toList();
    }

    public List<ApprovalEntry> getApprovals() {
        return getRecord().entries(ApprovalEntry.class);
    }

    public List<PromotionEntry> getPromotions() {
        return getRecord().entries(PromotionEntry.class);
    }

    public List<RecordEntry> getEntries() {
        return getRecord().entries();
    }

    /** {@code release.json} as a download, for machines; reading it needs the same permission as the build page. */
    public void doReleaseJson(StaplerRequest2 request, StaplerResponse2 response) throws IOException, ServletException {
        run.checkPermission(hudson.model.Item.READ);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=" + FILE_NAME);
        response.getOutputStream().write(ReleaseRecordJson.write(getRecord()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getIconFileName() {
        return "symbol-ribbon";
    }

    @Override
    public String getDisplayName() {
        return "Release record";
    }

    @Override
    public String getUrlName() {
        return "release";
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
