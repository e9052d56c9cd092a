package io.stepwise.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Builds the one command tree. {@link Main} executes it once; the interactive shell keeps it and
 * executes it per line (and completes from it).
 */
public final class StepwiseCli {
    private StepwiseCli() {
    }

    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new StepwiseCommand(context), new ContextFactory(context));
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
