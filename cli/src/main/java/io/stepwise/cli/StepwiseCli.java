package io.stepwise.cli;

import java.lang.reflect.Constructor;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.HelpCommand;

/**
 * Builds the one command tree. The interactive shell keeps the whole tree and executes it per line
 * (and completes from it); {@link Main} builds only the command its arguments name, which starts faster.
 */
public final class StepwiseCli {
    /** The subcommands of {@code stepwise}, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(ValidateCommand.class, DryRunCommand.class, RunCommand.class,
            ResumeCommand.class, RollbackCommand.class, StatusCommand.class, PruneCommand.class, ShellCommand.class,
            StepsCommand.class, SchemaCommand.class, CompletionCommand.class, HelpCommand.class);

    private StepwiseCli() {
    }

    /** The whole tree. */
    public static CommandLine commandLine(CliContext context) {
        return build(context, COMMANDS);
    }

    /**
     * The tree for one invocation: the root with only the command the arguments name, or the whole tree
     * when they name none (help, usage errors and suggestions then see every command).
     */
    public static CommandLine commandLine(CliContext context, String... args) {
        String word = null;
        for (String arg : args) {
            if (!arg.equals("--debug")) {
                word = arg;
                break;
            }
        }
        for (Class<?> command : COMMANDS) {
            if (command != HelpCommand.class && command.getAnnotation(Command.class).name().equals(word)) {
                return build(context, List.of(command));
            }
        }
        return commandLine(context);
    }

    private static CommandLine build(CliContext context, List<Class<?>> commands) {
        ContextFactory factory = new ContextFactory(context);
        CommandLine commandLine = new CommandLine(new StepwiseCommand(context), factory);
        for (Class<?> command : commands) {
            commandLine.addSubcommand(new CommandLine(command, factory));
        }
        ErrorHandler errors = new ErrorHandler(context);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(context.out())
                .setErr(context.err())
                .setColorScheme(CommandLine.Help.defaultColorScheme(context.terminal().colors() ? Ansi.ON : Ansi.OFF))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        return commandLine;
    }

    /** Creates commands with the context when they take it, anything else as picocli would. */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext context;

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            Constructor<K> constructor;
            try {
                constructor = type.getDeclaredConstructor(CliContext.class);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
            constructor.setAccessible(true);
            return constructor.newInstance(context);
        }
    }
}
