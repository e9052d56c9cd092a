package io.stepwise.cli;

import io.stepwise.engine.api.InteractiveRun;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.StepReport;
import io.stepwise.engine.api.StepStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The shell's commands about the run as a whole: rollback, status, help and quit. */
final class ShellRunCommands {
    /** What {@code help} says after the list of commands. */
    static final List<String> HELP_FOOTER = List.of(
            "Names: inputs.NAME, steps.STEP.NAME (outputs and captures), run.id, run.dir, run.plan; Tab completes",
            "commands, steps, names and connections. Ctrl-C stops a running step (journaled as interrupted) and",
            "returns here; at the prompt it clears the line. Ctrl-D or 'quit' leaves; the run stays resumable.",
            "Piped input (no terminal) is read line by line, each command echoed as '> command'; blank lines and",
            "lines starting with # are passed over.",
            "The shell exits with the status of its last command: 0 it succeeded, 1 a step or the command failed,",
            "2 unknown command or wrong usage, 130 interrupted (Ctrl-C) or not confirmed.");

    private ShellRunCommands() {
    }

    @Command(name = "rollback", customSynopsis = "rollback",
            description = {"Undoes the completed steps, newest first (asks first unless the shell has --yes).",
                "The run then ends rolled back and cannot be resumed."})
    static final class Rollback implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;

        Rollback(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            InteractiveRun run = shell.run();
            List<String> completed = new ArrayList<>();
            for (StepReport step : run.steps()) {
                if (step.status() == StepStatus.COMPLETED) {
                    completed.add(0, step.id());
                }
            }
            shell.out().println(completed.isEmpty() ? "No step is completed: there is nothing to undo."
                    : "Rolling back undoes, newest first: " + String.join(", ", completed));
            if (!shell.confirm("Roll back run " + run.runId() + "?")) {
                shell.out().println("not rolled back");
                return ExitStatus.INTERRUPTED;
            }
            RunReport report = shell.running(run::rollback);
            shell.out().println();
            RunSummary.render(report, shell.style(), List.of()).forEach(shell.out()::println);
            return ExitStatus.ofRollback(report.status());
        }
    }

    @Command(name = "status", customSynopsis = "status",
            description = "Shows the run: its steps with their values, errors and where it stands.")
    static final class Status implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;

        Status(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            RunReport report = shell.run().report();
            PrintWriter out = shell.out();
            Style style = shell.style();
            out.println(style.bold("Run " + report.runId()) + "  " + RunSummary.statusWord(report.status()));
            out.println("Plan:      " + shell.run().plan().name() + " (" + shell.run().plan().source() + ")");
            out.println("Directory: " + shell.run().runDir());
            if (!shell.breakpoints().isEmpty()) {
                out.println("Breakpoints before: " + String.join(", ", shell.breakpoints()));
            }
            out.println();
            RunSummary.render(report, style, List.of()).forEach(out::println);
            return ExitStatus.SUCCESS;
        }
    }

    @Command(name = "help", customSynopsis = "help [COMMAND]", description = "Lists the commands, or shows one in full.")
    static final class Help implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND",
                completionCandidates = ShellCompleter.CommandNames.class, description = "A command.")
        String command;

        Help(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            ShellCommands commands = shell.commands();
            PrintWriter out = shell.out();
            if (command != null) {
                CommandLine line = commands.find(command).orElse(null);
                if (line == null) {
                    out.println("unknown command '" + command + "' (" + commands.suggestion(command) + ")");
                    return ExitStatus.USAGE;
                }
                line.usage(out);
                return ExitStatus.SUCCESS;
            }
            TextTable table = new TextTable("COMMAND", "WHAT IT DOES");
            for (CommandLine line : commands.all()) {
                String[] description = line.getCommandSpec().usageMessage().description();
                table.row(ShellCommands.synopsis(line), description.length == 0 ? "" : description[0]);
            }
            table.lines().forEach(out::println);
            out.println();
            HELP_FOOTER.forEach(out::println);
            return ExitStatus.SUCCESS;
        }
    }

    @Command(name = "quit", aliases = "exit", customSynopsis = "quit",
            description = "Leaves the shell (Ctrl-D too); the run stays resumable with the command it prints.")
    static final class Quit implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;

        Quit(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            shell.quit();
            return shell.lastStatus();
        }
    }
}
