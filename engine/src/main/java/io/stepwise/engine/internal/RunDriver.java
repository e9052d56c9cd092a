package io.stepwise.engine.internal;

import io.stepwise.engine.spi.Secrets;
import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.InputDef;
import io.stepwise.engine.api.OnFailure;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepwiseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import io.stepwise.engine.api.StepStatus;
import java.util.List;
import java.util.Map;

/** Drives a live session through the plan: the step loop, the failure policy, and the end of the run. */
final class RunDriver {
    private final RunSession session;
    private final StepExecutor executor;

    RunDriver(RunSession session) {
        this.session = session;
        this.executor = new StepExecutor(session);
    }

    /** Runs every step that is not done yet, in order. */
    RunReport runRemaining() {
        return runRemaining(() -> { });
    }

    /**
     * Runs {@code first} (a resume's restoring of the world), then every step not done yet, with
     * SIGTERM (the JVM's shutdown) turned into a stop at the next safe point, as Ctrl-C is.
     */
    RunReport runRemaining(Runnable first) {
        Thread runner = Thread.currentThread();
        Thread hook = new Thread(() -> interruptAndWait(runner), "stepwise-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try {
                first.run();
            } catch (StepwiseException e) {
                if (session.runInterrupted()) {
                    return finish(RunStatus.INTERRUPTED);
                }
                throw e;
            }
            return loop();
        } catch (Error e) {
            // a defect (a class missing from the runtime, say) must not leave the run's servers behind
            session.stopBackground(false, "the runner failed: " + e, ResourceState.Lifecycle.ENDED_WITH_RUN);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
    }

    private void interruptAndWait(Thread runner) {
        session.interrupted.set(true);
        runner.interrupt();
        try {
            runner.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RunReport loop() {
        List<StepDef> steps = session.plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            StepDef step = steps.get(i);
            StepStatus status = session.state.status(step.id());
            if (status.isDone()) {
                continue;
            }
            if (session.runInterrupted()) {
                return finish(RunStatus.INTERRUPTED);
            }
            StepExecutor.Outcome outcome;
            try {
                outcome = executor.run(step, i, steps.size());
            } catch (StepwiseException e) {
                finish(e.code() == ErrorCode.INTERRUPTED ? RunStatus.INTERRUPTED : RunStatus.FAILED);
                throw e;
            }
            if (outcome == StepExecutor.Outcome.INTERRUPTED) {
                return finish(RunStatus.INTERRUPTED);
            }
            if (outcome == StepExecutor.Outcome.FAILED) {
                if (session.plan.onFailure() == OnFailure.ROLLBACK) {
                    boolean clean = new Rollbacker(session, executor).rollback();
                    return finish(clean ? RunStatus.ROLLED_BACK : RunStatus.ROLLBACK_INCOMPLETE, true);
                }
                return finish(RunStatus.FAILED);
            }
        }
        return finish(RunStatus.SUCCEEDED);
    }

    /** Runs one step (the shell's next/retry); the run is finished when no step is left to do. */
    StepExecutor.Outcome runStep(int index) {
        StepDef step = session.plan.steps().get(index);
        return executor.run(step, index, session.plan.steps().size());
    }

    /** Ends the run with success once every step is done; false while steps remain. */
    boolean finishIfDone() {
        boolean done = session.plan.steps().stream().allMatch(s -> session.state.status(s.id()).isDone());
        if (done && session.state.finished().isEmpty()) {
            finish(RunStatus.SUCCEEDED);
        }
        return done;
    }

    RunReport rollback() {
        boolean clean = new Rollbacker(session, executor).rollback();
        return finish(clean ? RunStatus.ROLLED_BACK : RunStatus.ROLLBACK_INCOMPLETE);
    }

    private RunReport finish(RunStatus status) {
        return finish(status, false);
    }

    private RunReport finish(RunStatus status, boolean afterFailure) {
        session.stopBackground(false, "the run ended", ResourceState.Lifecycle.ENDED_WITH_RUN);
        session.record(new JournalEntry.RunFinished(status.name(), afterFailure ? true : null));
        RunReport report = Reports.of(session.plan, session.state, session.runDir, session.masker);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status.name());
        data.put("run_dir", session.runDir.toString());
        if (afterFailure) {
            data.put("after_failure", true);
        }
        session.emit(RunEvent.Kind.RUN_FINISHED, null, status.name(), Duration.ofNanos(System.nanoTime() - session.startNanos),
                data);
        return report;
    }

    static Map<String, Object> journaledInputs(Plan plan, Map<String, Object> inputs) {
        Map<String, Object> shown = new LinkedHashMap<>();
        inputs.forEach((k, v) -> {
            InputDef def = plan.inputs().get(k);
            shown.put(k, def != null && def.secret() ? Secrets.MASK : v);
        });
        return shown;
    }
}
