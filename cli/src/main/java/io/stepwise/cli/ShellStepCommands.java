package io.stepwise.cli;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.InteractiveRun;
import io.stepwise.engine.api.StepReport;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepwiseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The shell's commands that look at steps, run them, skip them and set breakpoints. */
final class ShellStepCommands {
    private ShellStepCommands() {
    }

    @Command(name = "plan", customSynopsis = "plan",
            description = "Lists the steps with their status; '>' marks the cursor (the step 'next' runs).")
    static final class Plan implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;

        Plan(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            InteractiveRun run = shell.run();
            Optional<String> cursor = run.cursor();
            TextTable table = new TextTable("", "#", "STEP", "TYPE", "STATUS", "");
            List<StepReport> steps = run.steps();
            for (int i = 0; i < steps.size(); i++) {
                StepReport step = steps.get(i);
                String status = RunSummary.statusWord(step.status())
                        + (step.attempts() > 1 ? " (" + step.attempts() + " tries)" : "");
                table.row(cursor.filter(step.id()::equals).isPresent() ? ">" : "", String.valueOf(i + 1), step.id(),
                        step.type() == null ? "" : step.type(), status,
                        shell.breakpoints().contains(step.id()) ? "breakpoint" : "");
            }
            table.lines().forEach(shell.out()::println);
            if (cursor.isEmpty()) {
                shell.out().println("Every step is done.");
            }
            return ExitStatus.SUCCESS;
        }
    }

    @Command(name = "show", customSynopsis = "show [STEP]",
            description = "Shows a step (default: the cursor) as dry-run renders it, with the values known now.")
    static final class Show implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", arity = "0..1", paramLabel = "STEP", completionCandidates = ShellCompleter.StepIds.class,
                description = "The step (default: the cursor).")
        String step;

        Show(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            shell.out().println(shell.run().show(stepOrCursor(shell, step)).stripTrailing());
            return ExitStatus.SUCCESS;
        }
    }

    @Command(name = "next", customSynopsis = "next", description = "Runs the step at the cursor.")
    static final class Next implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;

        Next(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            StepReport done = shell.running(() -> shell.run().next());
            return shell.settle(Optional.of(done));
        }
    }

    @Command(name = "run", customSynopsis = "run [to STEP]",
            description = {"Runs steps until a breakpoint is next, a step fails, Ctrl-C, or the end.",
                "With 'to STEP' it stops before that step. A breakpoint on the cursor does not stop it."})
    static final class Run implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", arity = "0..1", paramLabel = "to", completionCandidates = ShellCompleter.To.class,
                description = "The word 'to'.")
        String to;
        @Parameters(index = "1", arity = "0..1", paramLabel = "STEP", completionCandidates = ShellCompleter.StepIds.class,
                description = "The step to stop before.")
        String step;

        Run(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            Optional<String> target = target();
            Set<String> breakpoints = Set.copyOf(shell.breakpoints());
            shell.running(() -> shell.run().runUntil(target, breakpoints));
            Optional<String> cursor = shell.run().cursor();
            Optional<StepReport> stopped = cursor.flatMap(id -> report(shell, id));
            boolean halted = stopped.map(s -> s.status() == StepStatus.PENDING).orElse(false);
            int status = shell.settle(stopped);
            if (halted && status == ExitStatus.SUCCESS) {
                cursor.filter(id -> target.isPresent() && target.get().equals(id))
                        .ifPresentOrElse(id -> shell.out().println("stopped before '" + id + "'"),
                                () -> cursor.filter(breakpoints::contains)
                                        .ifPresent(id -> shell.out().println("stopped at breakpoint '" + id + "'")));
            }
            return status;
        }

        private Optional<String> target() {
            if (to == null) {
                return Optional.empty();
            }
            if (step == null) {
                if (to.equals("to")) {
                    throw new StepwiseException(ErrorCode.USAGE, "run to what?", "run to STEP");
                }
                return Optional.of(to);
            }
            if (!to.equals("to")) {
                throw new StepwiseException(ErrorCode.USAGE, "expected 'run to " + step + "'", "run [to STEP]");
            }
            return Optional.of(step);
        }
    }

    @Command(name = "skip", customSynopsis = "skip [STEP]",
            description = "Marks a step (default: the cursor) skipped without running it (journaled).")
    static final class Skip implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", arity = "0..1", paramLabel = "STEP", completionCandidates = ShellCompleter.StepIds.class,
                description = "The step (default: the cursor).")
        String step;

        Skip(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            String id = stepOrCursor(shell, step);
            shell.run().skip(id);
            shell.out().println(shell.style().skipped() + " " + id + shell.typeOf(id) + " skipped");
            return shell.settle(Optional.empty());
        }
    }

    @Command(name = "retry", customSynopsis = "retry [STEP]",
            description = "Runs a step again (default: the last failed or interrupted step).")
    static final class Retry implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", arity = "0..1", paramLabel = "STEP", completionCandidates = ShellCompleter.StepIds.class,
                description = "The step (default: the last failed or interrupted one).")
        String step;

        Retry(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            String id = step != null ? step : lastFailed().orElseThrow(() -> new StepwiseException(ErrorCode.USAGE,
                    "no step failed", "name the step: retry STEP"));
            StepReport done = shell.running(() -> shell.run().retry(id));
            return shell.settle(Optional.of(done));
        }

        private Optional<String> lastFailed() {
            List<StepReport> steps = shell.run().steps();
            for (int i = steps.size() - 1; i >= 0; i--) {
                StepStatus status = steps.get(i).status();
                if (status == StepStatus.FAILED || status == StepStatus.INTERRUPTED) {
                    return Optional.of(steps.get(i).id());
                }
            }
            return Optional.empty();
        }
    }

    @Command(name = "break", customSynopsis = "break STEP",
            description = "Sets a breakpoint: 'run' stops before this step.")
    static final class Break implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", paramLabel = "STEP", completionCandidates = ShellCompleter.StepIds.class,
                description = "The step to stop before.")
        String step;

        Break(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            knownStep(shell, step);
            shell.breakpoints().add(step);
            shell.out().println("breakpoint before '" + step + "'");
            return ExitStatus.SUCCESS;
        }
    }

    @Command(name = "unbreak", customSynopsis = "unbreak [STEP]",
            description = "Removes a breakpoint, or every breakpoint when no step is named.")
    static final class Unbreak implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", arity = "0..1", paramLabel = "STEP",
                completionCandidates = ShellCompleter.Breakpoints.class, description = "The breakpoint's step.")
        String step;

        Unbreak(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            if (step == null) {
                shell.breakpoints().clear();
                shell.out().println("no breakpoints");
            } else if (shell.breakpoints().remove(step)) {
                shell.out().println("breakpoint before '" + step + "' removed");
            } else {
                throw new StepwiseException(ErrorCode.USAGE, "no breakpoint on '" + step + "'",
                        shell.breakpoints().isEmpty() ? "there are none" : "breakpoints: "
                                + String.join(", ", shell.breakpoints()));
            }
            return ExitStatus.SUCCESS;
        }
    }

    @Command(name = "breaks", customSynopsis = "breaks", description = "Lists the breakpoints.")
    static final class Breaks implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;

        Breaks(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            shell.out().println(shell.breakpoints().isEmpty() ? "no breakpoints"
                    : "breakpoints before: " + String.join(", ", shell.breakpoints()));
            return ExitStatus.SUCCESS;
        }
    }

    static String stepOrCursor(Shell shell, String step) {
        if (step != null) {
            return knownStep(shell, step);
        }
        return shell.run().cursor().orElseThrow(() -> new StepwiseException(ErrorCode.USAGE,
                "every step is done; there is no cursor", "name the step"));
    }

    /** The step id when the plan has it, else a usage error that suggests the closest. */
    static String knownStep(Shell shell, String step) {
        List<String> ids = shell.run().plan().steps().stream().map(s -> s.id()).toList();
        if (!ids.contains(step)) {
            throw new StepwiseException(ErrorCode.USAGE, "no step '" + step + "'", Suggestions.hint(step, ids, "steps"));
        }
        return step;
    }

    static Optional<StepReport> report(Shell shell, String id) {
        return shell.run().steps().stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
