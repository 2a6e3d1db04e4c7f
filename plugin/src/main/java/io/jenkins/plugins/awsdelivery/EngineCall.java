package io.jenkins.plugins.awsdelivery;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryAbortedException;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryFailedException;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * One engine operation run where the workspace is (the agent): the engine's {@code api} entry gets the build's
 * environment, the workspace as working directory and the console, and its result comes back as plain values.
 * Subclasses are static, hold only serializable fields (strings, engine requests, {@link Secret}s) and call exactly one
 * {@code Delivery} entry.
 */
abstract class EngineCall<R extends Serializable> extends MasterToSlaveFileCallable<R> {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> environment;
    private final TaskListener listener;
    private final ArrayList<Secret> secrets;

    /**
     * @param environment the step's {@code EnvVars}, so that {@code withCredentials}, {@code withAWS} and
     *     {@code withKubeConfig} apply
     * @param secrets every secret of the call, masked on the console and in error messages
     */
    EngineCall(Map<String, String> environment, TaskListener listener, Collection<Secret> secrets) {
        this.environment = new HashMap<>(environment);
        this.listener = listener;
        this.secrets = new ArrayList<>(secrets);
    }

    /** Calls the one engine entry of this step; most return the result's {@code toMap()}. */
    protected abstract R call(DeliveryContext context);

    @Override
    public final R invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        DeliveryContext context = DeliveryContext.builder()
                .events(new ConsoleEvents(listener, masker()))
                .environment(environment)
                .workingDirectory(workspace.toPath())
                .build();
        try {
            return call(context);
        } catch (DeliveryAbortedException e) {
            // The engine stopped and cleaned up because this thread was interrupted; keep the flag for remoting.
            Thread.currentThread().interrupt();
            throw new InterruptedException(masker().mask(e.getMessage()));
        }
    }

    SecretMasker masker() {
        return SecretMasker.of(secrets.stream().map(Secret::reveal).toList());
    }

    /**
     * Runs the call in the workspace. A failure becomes an {@link AbortException} with the engine's message (the build
     * fails with that one line); an interruption aborts the build, it is never reported as a failure.
     */
    final R runIn(FilePath workspace) throws IOException, InterruptedException {
        try {
            workspace.mkdirs();
            return workspace.act(this);
        } catch (DeliveryFailedException e) {
            throw new Failure(masker().mask(e.getMessage()), e.partialResult());
        } catch (DeliveryAbortedException e) {
            throw aborted();
        } catch (InterruptedException e) {
            if (e instanceof FlowInterruptedException) {
                throw e;
            }
            throw aborted();
        }
    }

    private static FlowInterruptedException aborted() {
        Thread.currentThread().interrupt();
        return new FlowInterruptedException(Result.ABORTED, true);
    }

    /** The engine's failure as the build's one line, with what the operation got done (possibly nothing). */
    static final class Failure extends AbortException {
        private static final long serialVersionUID = 1L;

        private final transient Map<String, Object> partialResult;

        Failure(String message, Map<String, Object> partialResult) {
            super(message);
            this.partialResult = partialResult;
        }

        /** Empty when the operation failed before it had a result. */
        Map<String, Object> partialResult() {
            return partialResult == null ? Map.of() : partialResult;
        }
    }
}
