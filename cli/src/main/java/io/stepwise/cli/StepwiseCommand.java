package io.stepwise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code stepwise}: the root of the command tree; {@link StepwiseCli} adds the subcommands. */
@Command(name = "stepwise", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Runs declarative YAML plans: typed steps with variable capture, dry-run, resume and rollback.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.HELP_SUCCESS, ExitStatus.HELP_FAILED, ExitStatus.HELP_USAGE,
            ExitStatus.HELP_INTERRUPTED},
        footerHeading = "%nExamples:%n",
        footer = {
            "  stepwise validate plans/examples/capture.yaml",
            "  stepwise dry-run plans/examples/capture.yaml --format markdown",
            "  stepwise run plans/examples/capture.yaml --set label=staging",
            "  stepwise status --plan plans/examples/capture.yaml",
            "  stepwise steps sql"
        })
final class StepwiseCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    StepwiseCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces and debug logs on standard error.")
    void debug(boolean on) {
        context.debug(on);
    }

    /** {@code stepwise} alone: the usage on standard error, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        context.err().flush();
        return ExitStatus.USAGE;
    }
}
