package io.stepwise.cli;

import io.stepwise.engine.api.Confirmer;
import io.stepwise.engine.api.InteractiveRun;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepReport;
import io.stepwise.engine.api.StepStatus;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;

/**
 * One shell session over an {@link InteractiveRun}: reads commands, runs them through
 * {@link ShellCommands}, renders steps with the same {@link ConsoleReporter} as {@code run}, and turns
 * Ctrl-C during a command into the run's interruption. The run stays resumable when the shell ends.
 */
final class Shell implements Prompter, AutoCloseable {
    /** What the shell was started with, for the commands it prints (resume, status). */
    record Options(boolean yes, Optional<Path> plan, Optional<Path> stateDir) {
    }

    private final CliContext context;
    private final Terminal terminal;
    private final boolean piped;
    private final Options options;
    private final Style style;
    private final ConsoleReporter reporter;
    private final Set<String> breakpoints = new LinkedHashSet<>();
    private final AtomicInteger presses = new AtomicInteger();
    private volatile boolean busy;
    private volatile boolean stopped;
    private volatile String refusedStep;
    private InteractiveRun run;
    private ShellInput input;
    private ShellCommands commands;
    private boolean quit;
    private int lastStatus = ExitStatus.SUCCESS;

    /** {@code context} is the shell's own: its output is the terminal, its terminal info the shell's. */
    Shell(CliContext context, Terminal terminal, boolean piped, Options options) {
        this.context = context;
        this.terminal = terminal;
        this.piped = piped;
        this.options = options;
        this.style = Style.of(context.terminal());
        this.reporter = ConsoleReporter.create(context);
    }

    /** The terminal as the renderer sees it: a live line and colours only on a real, non-CI terminal. */
    static TerminalInfo terminalInfo(Terminal terminal, boolean piped, Map<String, String> env) {
        boolean interactive = !piped && !TerminalInfo.isCi(env);
        return new TerminalInfo(interactive, interactive && !env.containsKey("NO_COLOR"),
                StandardCharsets.UTF_8.equals(terminal.encoding()), terminal::getWidth);
    }

    /** True for a terminal that cannot edit lines (input piped, {@code TERM=dumb}): the shell reads plain lines. */
    static boolean isDumb(Terminal terminal) {
        return Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    /** Opens or attaches the run with the shell's renderer and confirmer, then gets ready to read commands. */
    void open(Map<String, String> inputs, Function<RunOptions, InteractiveRun> opener) {
        Confirmer asker = TerminalConfirmer.forOptions(options.yes(), this, reporter);
        Confirmer confirmer = new Confirmer() {
            @Override
            public boolean confirm(String step, String question) {
                boolean yes = asker.confirm(step, question);
                refusedStep = yes ? null : step;
                return yes;
            }

            @Override
            public String who() {
                return asker.who();
            }
        };
        RunOptions runOptions = RunOptions.defaults().withInputs(inputs).withConfirmer(confirmer).withListener(reporter);
        if (options.stateDir().isPresent()) {
            runOptions = runOptions.withStateDir(options.stateDir().get());
        }
        run = opener.apply(runOptions);
        commands = new ShellCommands(this);
        Optional<Path> history = Optional.ofNullable(run.runDir().getParent()).map(Path::getParent)
                .map(dir -> dir.resolve("shell_history"));
        input = piped ? ShellInput.piped(terminal, out()) : ShellInput.interactive(terminal, commands.completer(), history);
        terminal.handle(Terminal.Signal.INT, signal -> interrupt());
        out().println("Stepping through plan '" + run.plan().name() + "' (" + run.plan().steps().size()
                + " steps): 'help' lists the commands, 'quit' leaves the run resumable.");
        out().flush();
    }

    /** Reads and runs commands until {@code quit}, Ctrl-D or the end of input; the status of the last command. */
    int loop() {
        while (!quit) {
            Optional<String> line = input.readCommand(prompt());
            if (line.isEmpty()) {
                break;
            }
            if (!line.get().isBlank()) {
                lastStatus = commands.execute(line.get());
            }
            out().flush();
        }
        return lastStatus;
    }

    private String prompt() {
        String where = run.cursor().map(id -> "[" + id + "]").orElse("[end]");
        return style.bold("stepwise") + " " + where + "> ";
    }

    /**
     * Ctrl-C. While a command runs steps, the first asks the step to stop (journaled as interrupted) and
     * the shell returns to the prompt; a second stops the process at once, as {@code run} does.
     */
    void interrupt() {
        if (!busy) {
            return;
        }
        if (presses.incrementAndGet() > 1) {
            message("stepwise: stopped at once; `stepwise resume` decides about the step that was running");
            Runtime.getRuntime().halt(ExitStatus.INTERRUPTED);
        }
        message("stepwise: stopping the step at the next safe point (Ctrl-C again to stop at once)");
        stopped = true;
        run.interrupt();
        context.interrupter().requestStop();
    }

    private void message(String text) {
        reporter.beforePrompt();
        out().println();
        out().println(text);
        out().flush();
        reporter.afterPrompt();
    }

    /** Runs an engine call that runs steps, with Ctrl-C armed. */
    <T> T running(Supplier<T> work) {
        presses.set(0);
        busy = true;
        try {
            return context.interrupter().supervise(work);
        } finally {
            busy = false;
            stopped |= context.interrupter().stopRequested();
        }
    }

    /** Forgets what the last command left behind (a refusal, a Ctrl-C). */
    void beginCommand() {
        refusedStep = null;
        stopped = false;
    }

    /**
     * After steps ran: the summary when the run ended, else what stopped the steps and where the cursor
     * is; the command's exit status.
     */
    int settle(Optional<StepReport> last) {
        RunReport report = run.report();
        if (report.status() != RunStatus.RUNNING) {
            out().println();
            RunSummary.render(report, style, List.of()).forEach(out()::println);
            return ExitStatus.ofRun(report.status());
        }
        int status = ExitStatus.SUCCESS;
        String refused = refusedStep;
        if (refused != null) {
            out().println("step '" + refused + "' was not confirmed; nothing was done");
            status = ExitStatus.INTERRUPTED;
        } else if (last.isPresent() && last.get().status() == StepStatus.FAILED) {
            out().println(style.dim("'retry' runs it again, 'skip' passes over it, 'rollback' undoes the run"));
            status = ExitStatus.FAILED;
        } else if (last.isPresent() && last.get().status() == StepStatus.INTERRUPTED) {
            out().println("step '" + last.get().id() + "' was interrupted; 'retry' runs it again");
            status = ExitStatus.INTERRUPTED;
        } else if (stopped) {
            out().println("interrupted");
            status = ExitStatus.INTERRUPTED;
        }
        run.cursor().ifPresent(id -> out().println(style.dim("next: " + id + typeOf(id))));
        return status;
    }

    /** Asks the person a yes/no question (the answer is no without one); {@code --yes} answers yes. */
    boolean confirm(String question) {
        if (options.yes()) {
            return true;
        }
        Optional<String> answer = ask(question + " [y/N] ");
        return answer.map(a -> a.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(a -> a.equals("y") || a.equals("yes")).isPresent();
    }

    /** The command that continues this run outside the shell. */
    String resumeCommand() {
        List<String> words = new ArrayList<>(List.of("stepwise", "resume", run.runId()));
        // the id is found from any directory; only what the person gave is repeated
        options.plan().ifPresent(p -> words.addAll(List.of("--plan", p.toAbsolutePath().normalize().toString())));
        options.stateDir().ifPresent(d -> words.addAll(List.of("--state-dir", d.toAbsolutePath().normalize().toString())));
        return ShellWords.join(words);
    }

    String typeOf(String stepId) {
        return run.plan().step(stepId).map(StepDef::type).map(t -> " (" + t + ")").orElse("");
    }

    void quit() {
        quit = true;
    }

    int lastStatus() {
        return lastStatus;
    }

    InteractiveRun run() {
        return run;
    }

    PrintWriter out() {
        return context.out();
    }

    Style style() {
        return style;
    }

    CliContext context() {
        return context;
    }

    Set<String> breakpoints() {
        return breakpoints;
    }

    boolean piped() {
        return piped;
    }

    ShellCommands commands() {
        return commands;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Optional<String> ask(String prompt) {
        return input.ask(prompt);
    }

    /** Ends the session: says how to continue, then lets go of the run (it stays resumable) and the terminal. */
    @Override
    public void close() {
        try {
            if (run != null) {
                RunReport report = run.report();
                String farewell = report.status() == RunStatus.RUNNING
                        ? "The run stays resumable. To continue it: " + resumeCommand()
                        : "Run " + run.runId() + " " + RunSummary.statusWord(report.status()) + ".";
                run.close();
                out().println(farewell);
            }
        } finally {
            if (input != null) {
                input.close();
            }
            reporter.close();
            out().flush();
        }
    }
}
