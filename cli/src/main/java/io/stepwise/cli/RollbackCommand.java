package io.stepwise.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepwise rollback [RUN]}: undoes the completed steps of a run, newest first. */
@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {
            "Runs the rollback of every completed step of a run, newest first, journaled and itself resumable.",
            "A completed step with nothing declared to undo it is listed as needing a person (as every step of the "
                    + "example is: the rollback is then incomplete)."
        },
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:everything was rolled back", ExitStatus.HELP_FAILED, ExitStatus.HELP_USAGE,
            ExitStatus.HELP_INTERRUPTED},
        footerHeading = "%nExample:%n",
        footer = "  stepwise rollback --plan plans/examples/capture.yaml  # no undo (exit 1)")
final class RollbackCommand implements Callable<Integer>, PlanCommand {
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN",
            description = "The run id or directory (default: the latest run).")
    String run;

    @Option(names = "--plan", paramLabel = "PLAN", description = "The plan file (to find its state directory).")
    Path plan;

    @Mixin
    InputOptions inputs;

    @Mixin
    ExecutionOptions execution;

    RollbackCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public boolean jsonOutput() {
        return execution.output == OutputFormat.JSON;
    }

    @Override
    public Optional<Path> planFile() {
        return Optional.ofNullable(plan);
    }

    @Override
    public Integer call() {
        return new RunSession(context, RunSession.Kind.ROLLBACK, execution, planFile())
                .execute(inputs.inputs(), options -> options,
                        options -> context.engine().rollback(Optional.ofNullable(run), planFile(), options));
    }
}
