package io.stepwise.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise resume [RUN]}: continues a run from its journal. */
@Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {
            "Continues a run from its journal: completed steps are skipped with their outputs restored. "
                    + "RUN is an id as stepwise status --all lists it (found from any directory) or a run directory.",
            "A step that started but did not finish is rerun when its type is idempotent, probed when it can be, "
                    + "and otherwise left to you: pass --rerun STEP or --skip STEP. Servers still alive are adopted; "
                    + "those that ended with their runner are started again on their data when steps still to run need them; "
                    + "what a step stopped or killed stays so. "
                    + "Secret inputs are supplied again from their source (--set, --set-file or the environment)."
        },
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.HELP_SUCCESS, ExitStatus.HELP_FAILED, ExitStatus.HELP_USAGE,
            ExitStatus.HELP_INTERRUPTED},
        footerHeading = "%nExamples:%n",
        footer = {"  stepwise run plans/examples/resume.yaml --set marker=ready  # fails (exit 1)",
            "  touch ready && stepwise resume --plan plans/examples/resume.yaml"})
final class ResumeCommand implements Callable<Integer>, PlanCommand {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN",
            description = "The run id or directory (default: the latest run).")
    String run;

    @Option(names = "--plan", paramLabel = "PLAN", description = "The plan file (to find its state directory).")
    Path plan;

    @Mixin
    InputOptions inputs;

    @Mixin
    ExecutionOptions execution;

    @Option(names = "--rerun", paramLabel = "STEP", description = "Run this step again: one left in flight, or one that completed (repeatable).")
    List<String> rerun = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "STEP",
            description = "Treat this step left in flight as done, without outputs (repeatable).")
    List<String> skip = new ArrayList<>();

    @Option(names = "--accept-plan-change", description = "Resume even though the plan changed since the run started.")
    boolean acceptPlanChange;

    ResumeCommand(CliContext context) {
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
        Set<String> both = new HashSet<>(rerun);
        both.retainAll(skip);
        if (!both.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "a step cannot be both rerun and skipped: " + String.join(", ", both.stream().sorted().toList()));
        }
        return new RunSession(context, RunSession.Kind.RESUME, execution, planFile())
                .execute(inputs.inputs(),
                        options -> options.withResumeDecisions(Set.copyOf(rerun), Set.copyOf(skip), acceptPlanChange),
                        options -> context.engine().resume(Optional.ofNullable(run), planFile(), options));
    }
}
