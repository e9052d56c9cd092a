package io.stepwise.engine.testkit;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@link StepContext} a {@link StepHarness} gives a step: a real action runner, the harness's
 * connections and secrets, and recorders for progress, output and background processes.
 */
public final class TestStepContext implements StepContext {
    private final StepHarness harness;
    private final String stepId;
    private final boolean background;

    TestStepContext(StepHarness harness, String stepId, boolean background) {
        this.harness = Objects.requireNonNull(harness, "harness");
        this.stepId = Objects.requireNonNull(stepId, "stepId");
        this.background = background;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public String runId() {
        return harness.runId();
    }

    @Override
    public Path runDir() {
        return harness.runDir();
    }

    @Override
    public boolean background() {
        return background;
    }

    @Override
    public ActionRunner actions() {
        return harness.actions();
    }

    @Override
    public ConnectionInfo connection(String name) {
        return harness.connection(name);
    }

    @Override
    public void progress(String message) {
        harness.recordProgress(mask(message));
    }

    @Override
    public void say(String message) {
        harness.recordSaid(mask(message));
    }

    @Override
    public void markSecret(String value) {
        harness.addSecret(value);
    }

    @Override
    public String mask(String text) {
        return harness.mask(text);
    }

    @Override
    public void registerBackground(BackgroundProcess process, boolean keep) {
        harness.recordBackground(stepId, process, keep);
    }

    @Override
    public int stopBackground(String stepId) {
        return harness.stopBackground(stepId);
    }

    @Override
    public boolean isInterrupted() {
        return harness.isInterrupted() || Thread.currentThread().isInterrupted();
    }

    @Override
    public void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (true) {
            if (isInterrupted()) {
                throw new StepInterruptedException("interrupted while pausing");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepInterruptedException("interrupted while pausing");
            }
        }
    }

    @Override
    public StepResult runNested(NestedStep step) {
        return harness.runNested(step, stepId);
    }

    @Override
    public Object evaluate(String expression, StepResult result) {
        return harness.evaluate(expression, result);
    }
}
