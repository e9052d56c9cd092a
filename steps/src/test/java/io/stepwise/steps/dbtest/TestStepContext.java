package io.stepwise.steps.dbtest;

import io.stepwise.engine.internal.ResolvedParams;
import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/** A step context for tests: real JDBC actions, a run dir, recorded progress, secrets and background resources. */
public final class TestStepContext implements StepContext {
    private final String stepId;
    private final Path runDir;
    private final Map<String, ConnectionInfo> connections = new LinkedHashMap<>();
    private final ActionRunner actions;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final Set<String> secrets = new CopyOnWriteArraySet<>();
    private final List<BackgroundProcess> background = new CopyOnWriteArrayList<>();
    private volatile boolean backgroundStep;
    private volatile boolean interrupted;

    public TestStepContext(String stepId, Path runDir, ActionRunner actions, ConnectionInfo... connections) {
        this.stepId = stepId;
        this.runDir = runDir;
        this.actions = actions;
        for (ConnectionInfo c : connections) {
            this.connections.put(c.name(), c);
        }
    }

    public TestStepContext asBackground() {
        this.backgroundStep = true;
        return this;
    }

    /** Binds, then executes a step as the engine would (without the journal). */
    public <C> StepResult run(StepType<C> type, Map<String, Object> with) {
        return type.execute(bind(type, with), this);
    }

    public <C> C bind(StepType<C> type, Map<String, Object> with) {
        return type.bind(new ResolvedParams(stepId, type.parameters(), with, this::connection));
    }

    public List<String> progressMessages() {
        return progress;
    }

    public Set<String> secrets() {
        return secrets;
    }

    public List<BackgroundProcess> backgroundProcesses() {
        return background;
    }

    public void interrupt() {
        interrupted = true;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public Path runDir() {
        return runDir;
    }

    @Override
    public boolean background() {
        return backgroundStep;
    }

    @Override
    public ActionRunner actions() {
        return actions;
    }

    @Override
    public ConnectionInfo connection(String name) {
        ConnectionInfo info = connections.get(name);
        if (info == null) {
            throw new IllegalArgumentException("unknown connection " + name);
        }
        return info;
    }

    @Override
    public void progress(String message) {
        progress.add(message);
    }

    @Override
    public void say(String message) {
        progress.add(message);
    }

    @Override
    public void markSecret(String value) {
        if (value != null && !value.isEmpty()) {
            secrets.add(value);
        }
    }

    @Override
    public String mask(String text) {
        String masked = text;
        for (String s : secrets) {
            masked = masked.replace(s, "****");
        }
        return masked;
    }

    @Override
    public void registerBackground(BackgroundProcess process, boolean keep) {
        background.add(process);
    }

    @Override
    public boolean isInterrupted() {
        return interrupted;
    }

    @Override
    public void pause(Duration duration) {
        if (interrupted) {
            throw new StepInterruptedException("interrupted");
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepInterruptedException("interrupted");
        }
    }

    @Override
    public StepResult runNested(NestedStep step) {
        throw new UnsupportedOperationException("runNested");
    }

    @Override
    public Object evaluate(String expression, StepResult result) {
        throw new UnsupportedOperationException("evaluate");
    }

    /** Stops every background resource registered so far. */
    public void stopBackground() {
        background.forEach(BackgroundProcess::stop);
    }
}
