package io.stepwise.cli;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepwiseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise shell PLAN} or {@code stepwise shell --run RUN}: step through a run interactively. */
@Command(name = "shell", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {
            "Opens an interactive shell over a run: a new run of PLAN (no step runs until asked), or with --run an "
                    + "existing one (one a shell or 'stepwise run' started, also a failed or killed one).",
            "Step one at a time, set breakpoints, look at and change values, query connections, skip, retry or "
                    + "roll back; everything is journaled as in a run. 'quit' leaves the run resumable with "
                    + "'stepwise resume'. Type 'help' in the shell for its commands.",
            "With piped input the shell reads one command per line and echoes each one after '> '."
        },
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:the last command succeeded (or there was none)",
            "1:the last command failed (a step, a rollback, an engine error)",
            "2:invalid plan or usage, nothing was run; or the last command was unknown or misused",
            "130:the last command was interrupted (Ctrl-C) or not confirmed"},
        footerHeading = "%nExamples:%n",
        footer = {"  stepwise shell plans/examples/capture.yaml --set label=test",
            "  printf 'next\\nvars\\nquit\\n' | stepwise shell plans/examples/capture.yaml"})
final class ShellCommand implements Callable<Integer>, PlanCommand {
    /** Opens the terminal the shell talks to. */
    @FunctionalInterface
    interface Terminals {
        Terminal open() throws IOException;
    }

    private final CliContext context;
    private final Terminals terminals;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN",
            description = "The plan file: starts a new run (with --run: the run's plan, as --plan).")
    Path plan;

    @Option(names = "--run", paramLabel = "RUN", description = "Attach to this run (id or directory) instead.")
    String run;

    @Option(names = "--plan", paramLabel = "PLAN", description = "With --run: the plan file (to find its state directory).")
    Path planOption;

    @Mixin
    InputOptions inputs;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where runs are journaled (default: .stepwise/ beside the plan); the history is kept there.")
    Path stateDir;

    @Option(names = {"-y", "--yes"}, description = "Answers yes to confirm: questions and to rollback.")
    boolean yes;

    ShellCommand(CliContext context) {
        this(context, ShellCommand::systemTerminal);
    }

    ShellCommand(CliContext context, Terminals terminals) {
        this.context = context;
        this.terminals = terminals;
    }

    @Override
    public Optional<Path> planFile() {
        return Optional.ofNullable(plan).or(() -> Optional.ofNullable(planOption));
    }

    @Override
    public Integer call() throws IOException {
        checkArguments();
        try (Terminal terminal = terminals.open()) {
            boolean piped = Shell.isDumb(terminal);
            PrintWriter out = terminal.writer();
            CliContext shellContext = CliContext.builder(context::engine).out(out).err(out)
                    .terminal(Shell.terminalInfo(terminal, piped, System.getenv()))
                    .interrupter(context.interrupter()).debug(context.debug()).build();
            Shell.Options options = new Shell.Options(yes, planFile(), Optional.ofNullable(stateDir));
            try (Shell shell = new Shell(shellContext, terminal, piped, options)) {
                shell.open(inputs.inputs(), runOptions -> run == null
                        ? context.engine().open(plan, runOptions)
                        : context.engine().attach(Optional.of(run), planFile(), runOptions));
                return shell.loop();
            }
        }
    }

    private void checkArguments() {
        if (plan != null && planOption != null) {
            throw new ParameterException(spec.commandLine(), "give the plan once: PLAN or --plan PLAN");
        }
        if (run == null && plan == null) {
            throw new ParameterException(spec.commandLine(), planOption == null
                    ? "give a PLAN to start a new run, or --run RUN to attach to one"
                    : "--plan goes with --run RUN; to start a new run give PLAN alone");
        }
    }

    /** The process's terminal; a dumb one (read line by line) when the input is not a terminal. */
    static Terminal systemTerminal() {
        try {
            return TerminalBuilder.builder().name("stepwise").system(true).dumb(true).nativeSignals(true).build();
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.INTERNAL, "cannot open the terminal: " + e.getMessage(), null, e);
        }
    }
}
