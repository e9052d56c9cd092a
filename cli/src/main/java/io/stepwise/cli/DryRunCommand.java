package io.stepwise.cli;

import io.stepwise.engine.api.DryRunFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepwise dry-run PLAN}: what a run would do, with no connection opened and no process started. */
@Command(name = "dry-run", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {
            "Shows what a run would do, step by step, without connecting to anything or starting a process.",
            "SQL, argv, HTTP requests and S3 calls appear with inputs substituted and secrets shown as ****; "
                    + "values only the run can know appear by their source. The output is deterministic, "
                    + "so it can be committed and reviewed."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  stepwise dry-run plans/examples/capture.yaml --set label=staging",
            "  stepwise dry-run plans/examples/capture.yaml --save review.md",
            "  stepwise dry-run plans/examples/capture.yaml --format markdown > dry-run.md"},
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.HELP_SUCCESS, ExitStatus.HELP_USAGE})
final class DryRunCommand implements Callable<Integer>, PlanCommand {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file (YAML).")
    Path plan;

    @Mixin
    InputOptions inputs;

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, markdown (for pull requests) or json (--format is the old name). Default: ${DEFAULT-VALUE}.")
    DryRunFormat format;

    @Option(names = "--save", paramLabel = "REVIEW",
            description = "Also write a review file: the markdown dry-run and the fingerprint of what decides the run, "
                    + "for a pull request; run exactly that later with: stepwise run PLAN --reviewed REVIEW.")
    Path save;

    DryRunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Optional<Path> planFile() {
        return Optional.ofNullable(plan);
    }

    @Override
    public boolean jsonOutput() {
        return format == DryRunFormat.JSON;
    }

    @Override
    public Integer call() {
        String rendered = context.engine().dryRun(plan, inputs.inputs(), format);
        PrintWriter out = context.out();
        out.print(rendered);
        if (!rendered.isEmpty() && !rendered.endsWith("\n")) {
            out.println();
        }
        out.flush();
        if (save != null) {
            writeReview();
        }
        return ExitStatus.SUCCESS;
    }

    private void writeReview() {
        String review = context.engine().review(plan, inputs.inputs());
        try {
            java.nio.file.Files.writeString(save, review, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new io.stepwise.engine.api.StepwiseException(io.stepwise.engine.api.ErrorCode.USAGE,
                    "cannot write the review file " + save + ": " + e.getMessage(), "check that its directory exists");
        }
        context.err().println("stepwise: review file written to " + save + "; once reviewed, run it with: stepwise run "
                + plan + " --reviewed " + save);
        context.err().flush();
    }
}
