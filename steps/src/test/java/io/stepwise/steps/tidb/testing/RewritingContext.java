package io.stepwise.steps.tidb.testing;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import java.nio.file.Path;
import java.time.Duration;

/** A step context that is the harness's own, except that actions go through another runner. */
public final class RewritingContext implements StepContext {
    private final StepContext delegate;
    private final ActionRunner actions;

    public RewritingContext(StepContext delegate, ActionRunner actions) {
        this.delegate = delegate;
        this.actions = actions;
    }

    @Override
    public String stepId() {
        return delegate.stepId();
    }

    @Override
    public String runId() {
        return delegate.runId();
    }

    @Override
    public Path runDir() {
        return delegate.runDir();
    }

    @Override
    public boolean background() {
        return delegate.background();
    }

    @Override
    public ActionRunner actions() {
        return actions;
    }

    @Override
    public ConnectionInfo connection(String name) {
        return delegate.connection(name);
    }

    @Override
    public void progress(String message) {
        delegate.progress(message);
    }

    @Override
    public void say(String message) {
        delegate.say(message);
    }

    @Override
    public void markSecret(String value) {
        delegate.markSecret(value);
    }

    @Override
    public String mask(String text) {
        return delegate.mask(text);
    }

    @Override
    public void registerBackground(BackgroundProcess process, boolean keep) {
        delegate.registerBackground(process, keep);
    }

    @Override
    public int stopBackground(String stepId) {
        return delegate.stopBackground(stepId);
    }

    @Override
    public boolean isInterrupted() {
        return delegate.isInterrupted();
    }

    @Override
    public void pause(Duration duration) {
        delegate.pause(duration);
    }

    @Override
    public StepResult runNested(NestedStep step) {
        return delegate.runNested(step);
    }

    @Override
    public Object evaluate(String expression, StepResult result) {
        return delegate.evaluate(expression, result);
    }
}
