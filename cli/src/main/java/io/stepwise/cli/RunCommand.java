package io.stepwise.cli;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.ReviewFile;
import io.stepwise.engine.api.StepwiseException;
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
                    + "when a step fails, it prints the commands to resume or roll back the run. "
                    + "(The rollback example fails on purpose and undoes its completed steps.)"
        },
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.HELP_SUCCESS, ExitStatus.HELP_FAILED, ExitStatus.HELP_USAGE,
            ExitStatus.HELP_INTERRUPTED},
        footerHeading = "%nExamples:%n",
        footer = {"  stepwise run plans/examples/capture.yaml --set label=staging",
            "  stepwise run plans/examples/rollback.yaml --set dir=d -y  # fails (exit 1)"})
final class RunCommand implements Callable<Integer>, PlanCommand {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file (YAML).")
    Path plan;

    @Mixin
    InputOptions inputs;

    @Mixin
    ExecutionOptions execution;

    @Option(names = "--reviewed", paramLabel = "REVIEW",
            description = "Run only if the plan, its inputs, the environment it reads and stepwise are what this review "
                    + "file (stepwise dry-run --save) shows; otherwise refuse, listing what changed, before any step runs.")
    Path reviewed;

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
        Optional<ReviewFile> review = Optional.ofNullable(reviewed).map(RunCommand::read);
        return new RunSession(context, RunSession.Kind.RUN, execution, Optional.of(plan))
                .execute(inputs.inputs(), options -> options.withDurableJournal(!noFsync),
                        options -> review.isPresent() ? context.engine().runReviewed(plan, options, review.get())
                                : context.engine().run(plan, options));
    }

    private static ReviewFile read(Path file) {
        try {
            return new ReviewFile(file.toString(), java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new StepwiseException(ErrorCode.USAGE, "cannot read the review file " + file + ": " + e.getMessage(),
                    "write one with: stepwise dry-run PLAN --save " + file);
        }
    }
}
