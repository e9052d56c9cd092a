package io.stepwise.cli;

import io.stepwise.engine.api.StepwiseException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;

/**
 * The shell's commands: one picocli command per line the person types, built once. The same model
 * gives {@code help}, the synopses and the tab completion ({@link ShellCompleter}); a line is split
 * into words (quotes group), except the text of {@link RawText} commands, which is taken as typed.
 */
final class ShellCommands {
    /** The commands in the order {@code help} lists them. */
    static final List<Class<?>> COMMANDS = List.of(ShellStepCommands.Plan.class, ShellStepCommands.Show.class,
            ShellStepCommands.Next.class, ShellStepCommands.Run.class, ShellStepCommands.Skip.class,
            ShellStepCommands.Retry.class, ShellStepCommands.Break.class, ShellStepCommands.Unbreak.class,
            ShellStepCommands.Breaks.class, ShellValueCommands.Vars.class, ShellValueCommands.Get.class,
            ShellValueCommands.SetInput.class, ShellValueCommands.Eval.class, ShellValueCommands.Sql.class,
            ShellRunCommands.Rollback.class, ShellRunCommands.Status.class, ShellRunCommands.Help.class,
            ShellRunCommands.Quit.class);

    /** A command whose text after its first {@link #leadingWords()} words is one argument, exactly as typed. */
    interface RawText {
        int leadingWords();
    }

    /** {@code -h}/{@code --help} on every command. */
    static final class HelpOption {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help.")
        boolean help;
    }

    private final Shell shell;
    private final List<CommandLine> ordered = new ArrayList<>();
    private final Map<String, CommandLine> byName = new LinkedHashMap<>();

    ShellCommands(Shell shell) {
        this.shell = shell;
        Factory factory = new Factory(shell);
        PrintWriter out = shell.out();
        for (Class<?> type : COMMANDS) {
            CommandLine line = new CommandLine(type, factory);
            line.setOut(out).setErr(out)
                    .setColorScheme(CommandLine.Help.defaultColorScheme(shell.context().terminal().colors() ? Ansi.ON : Ansi.OFF))
                    .setExecutionExceptionHandler((ex, commandLine, parsed) -> failed(ex))
                    .setParameterExceptionHandler((ex, args) -> misused(ex));
            ordered.add(line);
            byName.put(line.getCommandName(), line);
            for (String alias : line.getCommandSpec().aliases()) {
                byName.put(alias, line);
            }
        }
    }

    /** Runs one line; its exit status (as the shell's own, see {@code help}). */
    int execute(String line) {
        String text = line.strip();
        int space = firstSpace(text);
        String name = space < 0 ? text : text.substring(0, space);
        String rest = space < 0 ? "" : text.substring(space + 1).strip();
        Optional<CommandLine> command = find(name);
        if (command.isEmpty()) {
            shell.out().println("unknown command '" + name + "' (" + suggestion(name) + ")");
            return ExitStatus.USAGE;
        }
        shell.beginCommand();
        return command.get().execute(arguments(command.get(), rest).toArray(String[]::new));
    }

    Optional<CommandLine> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<CommandLine> all() {
        return List.copyOf(ordered);
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    ShellCompleter completer() {
        return new ShellCompleter(this);
    }

    /** {@code did you mean 'next'?}, or where to look when nothing is close. */
    String suggestion(String typed) {
        Optional<String> closest = byName.keySet().stream()
                .min(Comparator.comparingInt((String known) -> Suggestions.distance(typed, known)).thenComparing(k -> k))
                .filter(known -> Suggestions.distance(typed, known) <= Math.max(2, typed.length() / 3));
        return closest.map(c -> "did you mean '" + c + "'? 'help' lists the commands").orElse("'help' lists the commands");
    }

    /** {@code run [to STEP]}: the synopsis a command declares. */
    static String synopsis(CommandLine command) {
        String[] custom = command.getCommandSpec().usageMessage().customSynopsis();
        return custom.length > 0 ? custom[0].strip() : command.getCommandName();
    }

    private static List<String> arguments(CommandLine command, String rest) {
        if (!(command.getCommand() instanceof RawText raw)) {
            return words(rest);
        }
        if (isHelp(rest)) {
            return List.of(rest);
        }
        List<String> args = new ArrayList<>();
        String tail = rest;
        for (int i = 0; i < raw.leadingWords() && !tail.isEmpty(); i++) {
            int space = firstSpace(tail);
            args.add(space < 0 ? tail : tail.substring(0, space));
            tail = space < 0 ? "" : tail.substring(space + 1).strip();
        }
        if (!tail.isEmpty()) {
            if (tail.startsWith("-")) {
                args.add("--");
            }
            args.add(tail);
        }
        return args;
    }

    private static boolean isHelp(String word) {
        return word.equals("-h") || word.equals("--help");
    }

    /** Words split at blanks; single or double quotes group words and are removed. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** An engine error is one line and the shell goes on; anything else is an internal error. */
    private int failed(Exception ex) {
        PrintWriter out = shell.out();
        int status;
        if (ex instanceof StepwiseException failure) {
            out.println(shell.style().error("error: ") + failure.describe());
            status = failure.code().exitStatus();
        } else {
            String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
            out.println(shell.style().error("internal error: ") + message.strip().replaceAll("\\s*\\R\\s*", " ")
                    + (shell.context().debug() ? "" : " (start the shell with --debug for the stack trace)"));
            status = ExitStatus.FAILED;
        }
        if (shell.context().debug()) {
            ex.printStackTrace(out);
        }
        return status;
    }

    private int misused(CommandLine.ParameterException ex) {
        String name = ex.getCommandLine().getCommandName();
        shell.out().println(name + ": " + ex.getMessage().strip().replaceAll("\\s*\\R\\s*", " ")
                + " (usage: " + synopsis(ex.getCommandLine()) + "; 'help " + name + "' for more)");
        return ExitStatus.USAGE;
    }

    /** Creates the commands and their completion candidates with the shell; anything else as picocli would. */
    private static final class Factory implements CommandLine.IFactory {
        private final Shell shell;

        Factory(Shell shell) {
            this.shell = shell;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            Constructor<K> constructor;
            try {
                constructor = type.getDeclaredConstructor(Shell.class);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
            constructor.setAccessible(true);
            return constructor.newInstance(shell);
        }
    }
}
