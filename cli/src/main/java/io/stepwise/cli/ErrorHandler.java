package io.stepwise.cli;

import io.stepwise.engine.api.InvalidPlanException;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.StepwiseException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what went wrong into lines on standard error and an exit status: every problem of an
 * invalid plan, one line for any other error (a stack trace only with {@code --debug}), and a short
 * pointer to the help for usage errors.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final CliContext context;

    ErrorHandler(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = context.err();
        String command = commandLine.getCommandSpec().qualifiedName();
        err.println(command + ": " + oneLine(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + command + " --help' for more information.");
        printTrace(ex);
        err.flush();
        return ExitStatus.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = context.err();
        int status;
        boolean json = commandLine.getCommand() instanceof PlanCommand command && command.jsonOutput();
        if (ex instanceof InvalidPlanException invalid) {
            String plan = planLabel(commandLine, invalid.problems());
            status = invalidPlan(invalid, plan);
            if (json) {
                JsonReporter.printLine(context.out(), ValidationJson.line(plan, invalid.problems().isEmpty()
                        ? List.of(Problem.at(new io.stepwise.engine.api.Position(plan, 0, 0), invalid.getMessage()))
                        : invalid.problems()));
            }
        } else if (ex instanceof StepwiseException failure) {
            err.println("stepwise: " + failure.describe());
            status = failure.code().exitStatus();
            if (json) {
                JsonReporter.printLine(context.out(), ValidationJson.error(failure));
            }
        } else {
            err.println("stepwise: internal error: " + oneLine(describe(ex))
                    + (context.debug() ? "" : " (run with --debug for the stack trace)"));
            status = ExitStatus.FAILED;
        }
        printTrace(ex);
        context.out().flush();
        err.flush();
        return status;
    }

    private int invalidPlan(InvalidPlanException invalid, String plan) {
        PrintWriter err = context.err();
        List<Problem> problems = invalid.problems();
        if (problems.isEmpty()) {
            err.println(plan + ": " + invalid.getMessage());
        }
        problems.forEach(problem -> err.println(problem.format()));
        err.println(plan + ": " + count(problems.size()) + ", nothing was run");
        return invalid.code().exitStatus();
    }

    static String count(int problems) {
        return problems == 1 ? "1 problem" : problems + " problems";
    }

    private static String planLabel(CommandLine commandLine, List<Problem> problems) {
        if (commandLine.getCommand() instanceof PlanCommand command && command.planFile().isPresent()) {
            String plan = command.planFile().get().toString();
            return plan.equals("-") ? "<stdin>" : plan;
        }
        return problems.isEmpty() ? "plan" : problems.get(0).position().file();
    }

    private void printTrace(Throwable ex) {
        if (context.debug()) {
            ex.printStackTrace(context.err());
        }
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getName() : message;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
