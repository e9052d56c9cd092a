package io.stepwise.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepwise run PLAN}: a new run from the first step. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {
            "Validates a plan, then runs its steps in order as a new run, journaled under the state directory.",
            "Shows a live status line per step on a terminal (plain lines elsewhere) and ends with a summary; "
                    + "when a step fails, it prints the commands to resume or roll back the run."
        },
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.HELP_SUCCESS, ExitStatus.HELP_FAILED, ExitStatus.HELP_USAGE,
            ExitStatus.HELP_INTERRUPTED},
        footerHeading = "%nExamples:%n",
        footer = {"  stepwise run plans/examples/capture.yaml --set env=staging",
            "  stepwise run plans/demo.yaml --set-file password=secret.txt --yes --output json"})
final class RunCommand implements Callable<Integer>, PlanCommand {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file (YAML).")
    Path plan;

    @Mixin
    InputOptions inputs;

    @Mixin
    ExecutionOptions execution;

    @Option(names = "--no-fsync", hidden = true, description = "Do not fsync the journal (benchmarks only).")
    boolean noFsync;

    RunCommand(CliContext context) {
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
        return new RunSession(context, RunSession.Kind.RUN, execution, Optional.of(plan))
                .execute(inputs.inputs(), options -> options.withDurableJournal(!noFsync),
                        options -> context.engine().run(plan, options));
    }
}
