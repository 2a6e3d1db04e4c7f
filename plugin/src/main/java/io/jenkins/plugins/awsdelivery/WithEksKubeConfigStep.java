package io.jenkins.plugins.awsdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsdelivery.engine.api.AwsSettings;
import io.jenkins.plugins.awsdelivery.engine.api.Delivery;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.KubeconfigRequest;
import io.jenkins.plugins.awsdelivery.engine.api.KubeconfigResult;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withEksKubeConfig(cluster: 'test') { sh 'kubectl get pods' }}: a kubeconfig for an EKS cluster, in a private
 * folder under the workspace's temporary folder, named by {@code KUBECONFIG} for the body only. Its token lives in a
 * file the kubeconfig names ({@code tokenFile}, re-read by kubectl and client-go) and is renewed before it expires for
 * as long as the body runs; everything is deleted when the body ends, fails or is aborted.
 */
public final class WithEksKubeConfigStep extends Step {
    /** Renew this long before the current token expires (EKS tokens live 15 minutes). */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final String cluster;
    private String region;
    private String credentialsId;
    private String roleArn;

    @DataBoundConstructor
    public WithEksKubeConfigStep(String cluster) {
        this.cluster = cluster;
    }

    public String getCluster() {
        return cluster;
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Values.blankToNull(region);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Values.blankToNull(credentialsId);
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = Values.blankToNull(roleArn);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("withEksKubeConfig")
    public static final class DescriptorImpl extends AwsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "withEksKubeConfig";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Set KUBECONFIG for an Amazon EKS cluster (kubectl, helm)";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }

    /**
     * Holds only names and the written kubeconfig's paths, never keys: each renewal resolves the credential again, so
     * that no secret is kept in the build's saved program state.
     */
    static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        private final String cluster;
        private final String region;
        private final String credentialsId;
        private final String roleArn;
        private KubeconfigResult written;

        Execution(WithEksKubeConfigStep step, StepContext context) {
            super(context);
            this.cluster = step.cluster;
            this.region = step.region;
            this.credentialsId = step.credentialsId;
            this.roleArn = step.roleArn;
        }

        @Override
        public boolean start() {
            run(this::writeAndStartBody);
            return false;
        }

        private void writeAndStartBody() throws Exception {
            written = call(null);
            String folder = written.directory();
            getContext()
                    .get(TaskListener.class)
                    .getLogger()
                    .println("withEksKubeConfig: KUBECONFIG=" + written.kubeconfig());
            scheduleRenewal();
            getContext()
                    .newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(
                            getContext().get(EnvironmentExpander.class),
                            EnvironmentExpander.constant(Map.of("KUBECONFIG", written.kubeconfig()))))
                    .withCallback(new Cleanup(folder))
                    .start();
        }

        /** Writes the kubeconfig (renewing = null) or a fresh token into the one already written. */
        private KubeconfigResult call(KubeconfigResult renewing) throws IOException, InterruptedException {
            Run<?, ?> run = getContext().get(Run.class);
            FilePath workspace = getContext().get(FilePath.class);
            List<Secret> secrets = new ArrayList<>();
            AwsSettings aws =
                    AwsCredentialsLookup.settings(run, "credentialsId", credentialsId, region, roleArn, secrets);
            FilePath temp = StoredCredentials.tempFolder(workspace);
            temp.mkdirs();
            String directory = temp.getRemote();
            KubeconfigRequest request = Requests.build(() -> KubeconfigRequest.builder()
                    .cluster(cluster)
                    .aws(aws)
                    .directory(directory)
                    .build());
            return new Call(getContext(), secrets, request, renewing).runIn(workspace);
        }

        private void scheduleRenewal() {
            Instant expiry = Instant.parse(written.expiresAt());
            long delay = Duration.between(Instant.now(), expiry.minus(RENEW_BEFORE_EXPIRY))
                    .toMillis();
            String folder = written.directory();
            TokenRenewals.schedule(folder, delay, () -> {
                if (!TokenRenewals.isScheduled(folder)) {
                    return; // the body ended meanwhile
                }
                try {
                    written = call(written);
                    scheduleRenewal();
                } catch (IOException | RuntimeException e) {
                    // kubectl keeps the current token until it expires; try again in a minute.
                    LOGGER.log(Level.WARNING, "withEksKubeConfig: renewing the token of " + cluster + " failed", e);
                    TokenRenewals.schedule(folder, Duration.ofMinutes(1).toMillis(), this::scheduleRenewal);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** After a controller restart the body may still run (a durable {@code sh}): arm the schedule again. */
        @Override
        public void onResume() {
            super.onResume();
            if (written != null) {
                scheduleRenewal();
            }
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            if (written != null) {
                TokenRenewals.cancel(written.directory());
            }
            super.stop(cause);
        }
    }

    /** Deletes the kubeconfig folder and stops its renewals once the body is over, however it ended. */
    static final class Cleanup extends BodyExecutionCallback.TailCall {
        private static final long serialVersionUID = 1L;

        private final String folder;

        Cleanup(String folder) {
            this.folder = folder;
        }

        @Override
        protected void finished(StepContext context) throws Exception {
            TokenRenewals.cancel(folder);
            FilePath workspace = context.get(FilePath.class);
            FilePath directory = workspace == null ? null : new FilePath(workspace.getChannel(), folder);
            if (directory != null) {
                directory.deleteRecursive();
                context.get(TaskListener.class).getLogger().println("withEksKubeConfig: deleted " + folder);
            }
        }
    }

    static final class Call extends EngineCall<KubeconfigRequest, KubeconfigResult> {
        private static final long serialVersionUID = 1L;

        private final KubeconfigResult renewing;

        Call(StepContext context, Collection<Secret> secrets, KubeconfigRequest request, KubeconfigResult renewing)
                throws IOException, InterruptedException {
            super(context, secrets, request);
            this.renewing = renewing;
        }

        @Override
        protected KubeconfigResult call(DeliveryContext context, KubeconfigRequest request) {
            return renewing == null
                    ? Delivery.writeKubeconfig(context, request)
                    : Delivery.renewKubeconfigToken(context, request, renewing);
        }
    }
}
