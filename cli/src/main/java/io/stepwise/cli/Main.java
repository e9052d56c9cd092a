package io.stepwise.cli;

import java.util.List;

/** The process entry of {@code ./stepwise}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure(Logging.debugRequested(List.of(args)));
        CliContext context = CliContext.system();
        InterruptSignal.install(context.interrupter(), context.err());
        int status = StepwiseCli.commandLine(context, args).execute(args);
        context.out().flush();
        context.err().flush();
        if (Shutdown.inProgress()) {
            // a signal began the shutdown (status 130); the engine's hook waits for this thread to end
            return;
        }
        System.exit(status);
    }
}
