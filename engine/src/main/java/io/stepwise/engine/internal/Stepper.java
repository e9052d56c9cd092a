package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.InputDef;
import io.stepwise.engine.api.InteractiveRun;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepReport;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.internal.expr.ExpressionException;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.Secrets;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A run driven step by step (the shell), over the same session, executor and journal as a run. */
final class Stepper implements InteractiveRun {
    private final SessionFactory.Opened opened;
    private final RunSession session;
    private final RunDriver driver;
    private final StepRegistry registry;
    private volatile Thread working;

    Stepper(SessionFactory.Opened opened, StepRegistry registry) {
        this.opened = opened;
        this.session = opened.session();
        this.driver = new RunDriver(session);
        this.registry = registry;
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
    public Plan plan() {
        return session.plan;
    }

    @Override
    public List<StepReport> steps() {
        return report().steps();
    }

    @Override
    public Optional<String> cursor() {
        return cursorIndex().map(i -> session.plan.steps().get(i).id());
    }

    private Optional<Integer> cursorIndex() {
        List<StepDef> steps = session.plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (!session.state.status(steps.get(i).id()).isDone()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    @Override
    public String show(String stepId) {
        StepDef step = step(stepId);
        return new StepView(session, registry).render(step, session.plan.indexOf(stepId));
    }

    @Override
    public StepReport next() {
        int index = cursorIndex().orElseThrow(() -> new StepwiseException(ErrorCode.USAGE,
                "every step is done", "rollback, status or quit"));
        StepDef step = session.plan.steps().get(index);
        io.stepwise.engine.api.StepStatus status = session.state.status(step.id());
        if (status == io.stepwise.engine.api.StepStatus.RUNNING || status == io.stepwise.engine.api.StepStatus.INTERRUPTED) {
            Optional<String> why = new RunRecovery(session, ResumePolicy.Mode.SHELL).settle(step);
            if (why.isPresent()) {
                throw new StepwiseException(ErrorCode.JOURNAL, why.get(),
                        "check by hand, then 'retry " + step.id() + "' to run it again or 'skip " + step.id() + "'");
            }
            if (session.state.status(step.id()).isDone()) {
                return stepReport(step.id());
            }
        }
        return runAt(index);
    }

    private StepReport runAt(int index) {
        session.interrupted.set(false);
        working = Thread.currentThread();
        try {
            driver.runStep(index);
        } catch (StepwiseException e) {
            if (e.code() != ErrorCode.INTERRUPTED) {
                throw e;
            }
        } finally {
            working = null;
            Thread.interrupted();
        }
        driver.finishIfDone();
        return stepReport(session.plan.steps().get(index).id());
    }

    @Override
    public RunReport runUntil(Optional<String> to, Set<String> breakpoints) {
        to.ifPresent(this::step);
        boolean first = true;
        while (true) {
            Optional<Integer> index = cursorIndex();
            if (index.isEmpty()) {
                break;
            }
            String id = session.plan.steps().get(index.get()).id();
            if (to.isPresent() && to.get().equals(id) || !first && breakpoints.contains(id)) {
                break;
            }
            first = false;
            StepReport done = runAt(index.get());
            if (!done.status().isDone() || session.runInterrupted()) {
                break;
            }
        }
        return report();
    }

    @Override
    public void skip(String stepId) {
        step(stepId);
        session.record(new JournalEntry.Decision(JournalEntry.Decision.SKIP, stepId, "skipped in the shell"));
        session.record(new JournalEntry.StepSkipped(stepId, "skipped in the shell"));
        driver.finishIfDone();
    }

    @Override
    public StepReport retry(String stepId) {
        step(stepId);
        return runAt(session.plan.indexOf(stepId));
    }

    @Override
    public Map<String, Object> variables() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("inputs", session.masker.maskValue(session.scope.inputs()));
        Map<String, Object> steps = new LinkedHashMap<>();
        for (StepDef step : session.plan.steps()) {
            if (session.scope.hasStep(step.id())) {
                steps.put(step.id(), session.masker.maskValue(session.scope.stepValues(step.id())));
            }
        }
        vars.put("steps", steps);
        vars.put("run", Map.of("id", session.runId, "dir", session.runDir.toString(), "plan", session.plan.name()));
        return vars;
    }

    @Override
    public Object evaluate(String expression) {
        String text = expression.trim();
        try {
            Object value = text.contains("${") ? session.resolver.text(text, null) : session.resolver.expression(text, null);
            return session.masker.maskValue(value);
        } catch (ExpressionException e) {
            throw new StepwiseException(ErrorCode.USAGE, session.masker.mask(e.getMessage()));
        }
    }

    @Override
    public void setInput(String name, String value) {
        InputDef input = session.plan.inputs().get(name);
        if (input == null) {
            throw new StepwiseException(ErrorCode.USAGE, "the plan has no input '" + name + "'",
                    "inputs: " + String.join(", ", session.plan.inputs().keySet()));
        }
        Object typed;
        try {
            typed = InputValues.convert(input, value);
        } catch (IllegalArgumentException e) {
            throw new StepwiseException(ErrorCode.USAGE, "input '" + name + "': " + e.getMessage());
        }
        if (input.secret()) {
            session.masker.add(typed);
        }
        session.scope.setInput(name, typed);
        session.record(new JournalEntry.InputSet(name, input.secret() ? Secrets.MASK : typed));
    }

    @Override
    public List<Map<String, Object>> query(String connection, String sql) {
        if (!session.plan.connections().containsKey(connection)) {
            throw new StepwiseException(ErrorCode.USAGE, "unknown connection '" + connection + "'",
                    "connections: " + String.join(", ", session.plan.connections().keySet()));
        }
        SqlResult result;
        try {
            result = session.actions.sql(new SqlAction(session.connection(connection), new SqlText(sql, List.of())));
        } catch (StepFailedException e) {
            throw new StepwiseException(ErrorCode.STEP_FAILED, session.masker.mask(e.getMessage()),
                    e.hint().map(session.masker::mask).orElse(null), e);
        } catch (StepInterruptedException e) {
            throw new StepwiseException(ErrorCode.INTERRUPTED, "the query on '" + connection + "' was interrupted", null, e);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) session.masker.maskValue(result.rows());
        return rows;
    }

    @Override
    public RunReport rollback() {
        session.interrupted.set(false);
        return driver.rollback();
    }

    @Override
    public RunReport report() {
        return Reports.of(session.plan, session.state, session.runDir, session.masker);
    }

    @Override
    public void interrupt() {
        session.interrupted.set(true);
        Thread thread = working;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        try {
            if (session.state.finished().isEmpty()) {
                session.stopBackground(false, "the shell closed", ResourceState.Lifecycle.ENDED_WITH_RUN);
                session.record(new JournalEntry.Note(null, "the shell closed the run; continue with stepwise resume "
                        + session.runId));
            }
        } finally {
            opened.close();
        }
    }

    private StepReport stepReport(String id) {
        return report().steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private StepDef step(String id) {
        return session.plan.step(id).orElseThrow(() -> new StepwiseException(ErrorCode.USAGE, "no step '" + id + "'",
                Suggestions.closest(id, session.plan.steps().stream().map(StepDef::id).toList())
                        .map(s -> "did you mean '" + s + "'?").orElse("steps: see 'plan'")));
    }
}
