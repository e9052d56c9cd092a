package io.stepwise.cli;

import io.stepwise.engine.api.InvalidPlanException;
import io.stepwise.engine.api.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepwise validate PLAN}: every problem, nothing run. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {
            "Checks a plan without running anything: YAML, schema, step parameters, expressions and references.",
            "Reports every problem, one per line, as file:line:col: message; a required input with no value is one "
                    + "(as run would find), unless --allow-missing-inputs."
        },
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:the plan is valid", ExitStatus.HELP_USAGE},
        footerHeading = "%nExamples:%n",
        footer = {"  stepwise validate plans/examples/resume.yaml --set marker=ready",
            "  stepwise validate plans/examples/resume.yaml --allow-missing-inputs"})
final class ValidateCommand implements Callable<Integer>, PlanCommand {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file (YAML).")
    Path plan;

    @Mixin
    InputOptions inputs;

    @Option(names = "--allow-missing-inputs",
            description = "Do not count a required input without a value (--set, its env, a default) as a problem.")
    boolean allowMissingInputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, or json: one VALIDATION object (file, valid, problems with file, line, column, "
                    + "message, hint). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Optional<Path> planFile() {
        return Optional.ofNullable(plan);
    }

    @Override
    public boolean jsonOutput() {
        return output == OutputFormat.JSON;
    }

    @Override
    public Integer call() {
        List<Problem> problems = context.engine().validate(plan, inputs.inputs(), !allowMissingInputs);
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        if (jsonOutput()) {
            JsonReporter.printLine(context.out(), ValidationJson.line(plan.toString(), List.of()));
            return ExitStatus.SUCCESS;
        }
        context.out().println(plan + ": valid");
        context.out().flush();
        return ExitStatus.SUCCESS;
    }
}
