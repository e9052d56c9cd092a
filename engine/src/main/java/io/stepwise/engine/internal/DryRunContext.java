package io.stepwise.engine.internal;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/** The context {@code plan} gets in a dry-run: it can resolve connections and mask, and can do nothing else. */
final class DryRunContext implements StepContext {
    private final String stepId;
    private final boolean background;
    private final Masker masker;
    private final Function<String, ConnectionInfo> connections;

    DryRunContext(String stepId, boolean background, Masker masker, Function<String, ConnectionInfo> connections) {
        this.stepId = stepId;
        this.background = background;
        this.masker = masker;
        this.connections = connections;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public String runId() {
        return "<run.id>";
    }

    @Override
    public Path runDir() {
        return DryRunner.runDirPlaceholder();
    }

    @Override
    public Path planDir() {
        return DryRunner.planDirPlaceholder();
    }

    @Override
    public boolean background() {
        return background;
    }

    @Override
    public ActionRunner actions() {
        throw new IllegalStateException("a dry-run performs no actions; plan() must only describe them");
    }

    @Override
    public ConnectionInfo connection(String name) {
        return connections.apply(name);
    }

    @Override
    public void progress(String message) {
    }

    @Override
    public void say(String message) {
    }

    @Override
    public void markSecret(String value) {
        masker.add(value);
    }

    @Override
    public String mask(String text) {
        return masker.mask(text);
    }

    @Override
    public void registerBackground(BackgroundProcess process, boolean keep) {
        throw new IllegalStateException("a dry-run starts nothing");
    }

    @Override
    public int stopBackground(String stepId) {
        throw new IllegalStateException("a dry-run stops nothing");
    }

    @Override
    public boolean isInterrupted() {
        return false;
    }

    @Override
    public void pause(Duration duration) {
    }

    @Override
    public StepResult runNested(NestedStep step) {
        throw new IllegalStateException("a dry-run runs no step");
    }

    @Override
    public Object evaluate(String expression, StepResult result) {
        throw new IllegalStateException("a dry-run evaluates no result");
    }
}
