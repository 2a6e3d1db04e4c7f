package io.jenkins.plugins.awsdelivery;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryAbortedException;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryContext;
import io.jenkins.plugins.awsdelivery.engine.api.DeliveryFailedException;
import io.jenkins.plugins.awsdelivery.engine.api.Result;
import io.jenkins.plugins.awsdelivery.engine.spi.Secret;
import io.jenkins.plugins.awsdelivery.engine.spi.SecretMasker;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * One engine operation run where the workspace is (the agent): the engine's {@code api} entry gets the build's
 * environment, the workspace as working directory and the console, and its result comes back as plain values.
 * Subclasses are static, hold only serializable fields (strings, engine requests, {@link Secret}s) and call exactly one
 * {@code Delivery} entry.
 *
 * @param <Q> the engine request, built on the controller
 */
abstract class EngineCall<Q extends Serializable, R extends Serializable> extends MasterToSlaveFileCallable<R> {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> environment;
    private final TaskListener listener;
    private final ArrayList<Secret> secrets;
    private final Q request;

    /**
     * @param context the step's context, read here and not kept: its {@code EnvVars} (so that {@code withCredentials},
     *     {@code withAWS} and {@code withKubeConfig} apply) and its console
     * @param secrets every secret of the call, masked on the console and in error messages
     */
    EngineCall(StepContext context, Collection<Secret> secrets, Q request) throws IOException, InterruptedException {
        this.environment = new HashMap<>(context.get(EnvVars.class));
        this.listener = context.get(TaskListener.class);
        this.secrets = new ArrayList<>(secrets);
        this.request = request;
    }

    /** Calls the one engine entry of this step with the request. */
    protected abstract R call(DeliveryContext context, Q request);

    @Override
    public final R invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        DeliveryContext context = DeliveryContext.builder()
                .events(new ConsoleEvents(listener, masker()))
                .environment(environment)
                .workingDirectory(workspace.toPath())
                .build();
        try {
            return call(context, request);
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
        return new FlowInterruptedException(hudson.model.Result.ABORTED, true);
    }

    /** A call whose engine result the step returns as Pipeline's map, {@code toMap()}. */
    abstract static class ToMap<Q extends Serializable> extends EngineCall<Q, LinkedHashMap<String, Object>> {
        private static final long serialVersionUID = 1L;

        ToMap(StepContext context, Collection<Secret> secrets, Q request) throws IOException, InterruptedException {
            super(context, secrets, request);
        }

        /** The one engine entry of this step. */
        protected abstract Result result(DeliveryContext context, Q request);

        @Override
        protected final LinkedHashMap<String, Object> call(DeliveryContext context, Q request) {
            return new LinkedHashMap<>(result(context, request).toMap());
        }
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
