package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The context a step gets in a real run. */
final class LiveStepContext implements StepContext {
    private final RunSession session;
    private final String stepId;
    private final boolean background;
    private final long startNanos = System.nanoTime();
    private final StepInvoker invoker;

    LiveStepContext(RunSession session, String stepId, boolean background, StepInvoker invoker) {
        this.session = session;
        this.stepId = stepId;
        this.background = background;
        this.invoker = invoker;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public String runId() {
        return session.runId;
    }

    @Override
    public Path runDir() {
        return session.runDir;
    }

    @Override
    public Path planDir() {
        Path parent = session.plan.source().toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    @Override
    public boolean background() {
        return background;
    }

    @Override
    public ActionRunner actions() {
        return session.actions;
    }

    @Override
    public ConnectionInfo connection(String name) {
        return session.connection(name);
    }

    @Override
    public void progress(String message) {
        session.emit(RunEvent.Kind.STEP_PROGRESS, stepId, message, Duration.ofNanos(System.nanoTime() - startNanos),
                Map.of());
    }

    @Override
    public void say(String message) {
        session.emit(RunEvent.Kind.STEP_OUTPUT, stepId, message);
    }

    @Override
    public void markSecret(String value) {
        session.masker.add(value);
    }

    @Override
    public String mask(String text) {
        return session.masker.mask(text);
    }

    @Override
    public void registerBackground(BackgroundProcess process, boolean keep) {
        session.registerBackground(stepId, process, keep);
    }

    @Override
    public int stopBackground(String stepId) {
        return session.stopBackgroundOf(stepId, this.stepId);
    }

    @Override
    public boolean isInterrupted() {
        return session.isInterrupted();
    }

    @Override
    public void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            checkInterrupted();
            long left = Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000));
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                session.interrupted.set(true);
                throw new StepInterruptedException("the run was interrupted");
            }
        }
        checkInterrupted();
    }

    private void checkInterrupted() {
        if (session.isInterrupted()) {
            throw new StepInterruptedException(session.runInterrupted() ? "the run was interrupted"
                    : "the step's timeout passed");
        }
    }

    @Override
    public StepResult runNested(NestedStep step) {
        if (session.registry.find(step.type()).isEmpty()) {
            throw new StepwiseException(ErrorCode.INVALID_PLAN, "unknown step type '" + step.type() + "' in "
                    + step.path());
        }
        return invoker.invokeNested(step, this);
    }

    @Override
    public Object evaluate(String expression, StepResult result) {
        return session.resolver.expression(expression.startsWith("${") && expression.endsWith("}")
                ? expression.substring(2, expression.length() - 1) : expression, result);
    }

    /** Runs a nested step inside the current one. */
    interface StepInvoker {
        StepResult invokeNested(NestedStep step, LiveStepContext parent);
    }
}
