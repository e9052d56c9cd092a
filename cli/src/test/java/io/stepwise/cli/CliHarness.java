package io.stepwise.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command tree in process against a {@link FakeEngine}, capturing both outputs. */
final class CliHarness {
    final FakeEngine engine = new FakeEngine();
    TerminalInfo terminal = TerminalInfo.plain();
    Prompter prompter = Prompter.NONE;
    RunInterrupter interrupter = RunInterrupter.interruptingThread();

    record Result(int status, String out, String err) {
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = CliContext.builder(() -> engine)
                .out(new PrintWriter(out, true))
                .err(new PrintWriter(err, true))
                .terminal(terminal)
                .prompter(prompter)
                .interrupter(interrupter)
                .build();
        int status = StepwiseCli.commandLine(context, args).execute(args);
        return new Result(status, out.toString(), err.toString());
    }
}
