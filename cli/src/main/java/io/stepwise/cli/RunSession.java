package io.stepwise.cli;

import io.stepwise.engine.api.Confirmer;
import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepwiseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine call that runs steps ({@code run}, {@code resume}, {@code rollback}): wires the
 * renderer, the confirmer and Ctrl-C, renders the end, and decides the exit status.
 */
final class RunSession {
    private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);

    /** Which command this is: it decides what success means and what to suggest next. */
    enum Kind {
        RUN, RESUME, ROLLBACK
    }

    private final CliContext context;
    private final Kind kind;
    private final ExecutionOptions execution;
    private final Optional<Path> plan;

    RunSession(CliContext context, Kind kind, ExecutionOptions execution, Optional<Path> plan) {
        this.context = context;
        this.kind = kind;
        this.execution = execution;
        this.plan = plan;
    }

    /** Options every run shares; the command adds its own (inputs, resume decisions, fsync). */
    int execute(Map<String, String> inputs, Function<RunOptions, RunOptions> customize,
            Function<RunOptions, RunReport> engineCall) {
        try (RunRenderer renderer = RunRenderer.create(context, execution.output)) {
            if (kind == Kind.ROLLBACK) {
                renderer.rollingBack();
            }
            Confirmer confirmer = TerminalConfirmer.forOptions(execution.yes, context.prompter(), renderer);
            RunOptions options = customize.apply(RunOptions.defaults()
                    .withInputs(inputs)
                    .withConfirmer(confirmer)
                    .withListener(renderer)
                    .withResumeDecisions(Set.of(), Set.of(), false)
                    .withStopRequested(context.interrupter()::stopRequested));
            if (execution.stateDir != null) {
                options = options.withStateDir(execution.stateDir);
            }
            RunOptions finalOptions = options;
            LOG.debug("{}: plan {}, inputs {} (values not logged), state dir {}, confirmations {}, output {}", kind,
                    plan.map(Path::toString).orElse("(from the run)"), inputs.keySet(),
                    options.stateDir().map(Path::toString).orElse("(default)"),
                    execution.yes ? "--yes" : context.prompter().available() ? "asked" : "refused (no terminal)",
                    execution.output);
            RunReport report;
            try {
                report = context.interrupter().supervise(() -> engineCall.apply(finalOptions));
            } catch (StepwiseException e) {
                renderer.close();
                throw withRefusal(e, confirmer);
            } catch (RuntimeException e) {
                renderer.close();
                if (context.interrupter().stopRequested()) {
                    throw new StepwiseException(ErrorCode.INTERRUPTED, "interrupted", null, e);
                }
                throw e;
            }
            renderer.finish(report, next(report));
            TerminalConfirmer.refusalOf(confirmer).ifPresent(reason -> context.err().println("stepwise: " + reason));
            context.err().flush();
            int status = kind == Kind.ROLLBACK ? ExitStatus.ofRollback(report.status()) : ExitStatus.ofRun(report.status());
            return status != ExitStatus.SUCCESS && context.interrupter().stopRequested() ? ExitStatus.INTERRUPTED : status;
        }
    }

    /** The engine's error with why nobody confirmed, ahead of the engine's own hint. */
    private static StepwiseException withRefusal(StepwiseException e, Confirmer confirmer) {
        Optional<String> refusal = TerminalConfirmer.refusalOf(confirmer);
        if (refusal.isEmpty()) {
            return e;
        }
        String hint = refusal.get() + e.hint().map(h -> "; " + h).orElse("");
        return new StepwiseException(e.code(), e.getMessage(), hint, e);
    }

    /**
     * The exact commands to type when the run did not succeed. A run is found by its id from any directory (the
     * engine's rule), so they name the run and only what the person gave: {@code --state-dir}, and for resume and
     * rollback {@code --plan} (run's plan is the one in the journal).
     */
    List<NextCommand> next(RunReport report) {
        return suggestions(report, kind == Kind.RUN ? Optional.empty() : plan, execution.stateDirectory(), kind);
    }

    static List<NextCommand> suggestions(RunReport report, Optional<Path> plan, Optional<Path> stateDir, Kind kind) {
        List<NextCommand> next = new ArrayList<>();
        RunStatus status = report.status();
        boolean unfinished = status == RunStatus.FAILED || status == RunStatus.INTERRUPTED;
        if (kind != Kind.ROLLBACK && unfinished) {
            next.add(new NextCommand("To continue", command("resume", report, plan, stateDir)));
        }
        boolean anyCompleted = report.steps().stream().anyMatch(s -> s.status() == StepStatus.COMPLETED);
        if ((unfinished && anyCompleted) || status == RunStatus.ROLLBACK_INCOMPLETE) {
            next.add(new NextCommand(kind == Kind.ROLLBACK || status == RunStatus.ROLLBACK_INCOMPLETE
                    ? "To retry the rollback" : "To undo the completed steps", command("rollback", report, plan, stateDir)));
        }
        if (!next.isEmpty()) {
            next.add(new NextCommand("To see the run", command("status", report, plan, stateDir)));
        }
        return next;
    }

    private static String command(String verb, RunReport report, Optional<Path> plan, Optional<Path> stateDir) {
        List<String> words = new ArrayList<>(List.of("stepwise", verb, report.runId()));
        plan.ifPresent(p -> words.addAll(List.of("--plan", p.toAbsolutePath().normalize().toString())));
        stateDir.ifPresent(d -> words.addAll(List.of("--state-dir", d.toAbsolutePath().normalize().toString())));
        return ShellWords.join(words);
    }
}
