package io.stepwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.stepwise.engine.api.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise status [RUN]}: one run in detail, or {@code --all} runs as a table. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Shows a run as its journal tells it (default: the latest run), or with --all every run.",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:the journal was read", ExitStatus.HELP_USAGE},
        footerHeading = "%nExamples:%n",
        footer = {"  stepwise status --plan plans/examples/capture.yaml",
            "  stepwise status --all"})
final class StatusCommand implements Callable<Integer>, PlanCommand {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN",
            description = "The run id or directory (default: the latest run).")
    String run;

    @Option(names = "--plan", paramLabel = "PLAN", description = "The plan file (to find its state directory).")
    Path plan;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where runs are journaled (default: .stepwise/ beside the plan).")
    Path stateDir;

    @Option(names = "--all", description = "List every run in the state directory, newest first.")
    boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (one RUN_REPORT object per line). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Optional<Path> planFile() {
        return Optional.ofNullable(plan);
    }

    @Override
    public Integer call() throws JsonProcessingException {
        if (all && run != null) {
            throw new ParameterException(spec.commandLine(), "give either a RUN or --all, not both");
        }
        List<RunReport> reports = all
                ? context.engine().runs(planFile(), Optional.ofNullable(stateDir))
                : List.of(context.engine().status(Optional.ofNullable(run), planFile(), Optional.ofNullable(stateDir)));
        PrintWriter out = context.out();
        if (output == OutputFormat.JSON) {
            for (RunReport report : reports) {
                out.println(Values.JSON.writeValueAsString(JsonReporter.reportLine(report, next(report))));
            }
        } else if (all) {
            runsTable(reports).forEach(out::println);
        } else {
            detail(reports.get(0)).forEach(out::println);
        }
        out.flush();
        return ExitStatus.SUCCESS;
    }

    private List<NextCommand> next(RunReport report) {
        return RunSession.suggestions(report, Optional.empty(), Optional.ofNullable(stateDir), RunSession.Kind.RUN).stream()
                .filter(n -> !n.command().startsWith("stepwise status")).toList();
    }

    private List<String> detail(RunReport report) {
        Style style = Style.of(context.terminal());
        List<String> lines = new java.util.ArrayList<>();
        lines.add(style.bold("Run " + report.runId()) + "  " + RunSummary.statusWord(report.status()));
        if (report.planName() != null) {
            lines.add("Plan:      " + report.planName()
                    + (report.planFile() == null ? "" : " (" + report.planFile() + ")"));
        }
        if (report.runDir() != null) {
            lines.add("Directory: " + report.runDir());
        }
        lines.add("");
        lines.addAll(RunSummary.render(report, style, next(report)));
        return lines;
    }

    static List<String> runsTable(List<RunReport> reports) {
        if (reports.isEmpty()) {
            return List.of("No runs yet.");
        }
        TextTable table = new TextTable("RUN", "STATUS", "STEPS DONE", "PLAN");
        for (RunReport report : reports) {
            long done = report.steps().stream().filter(s -> s.status().isDone()).count();
            String plan = report.planName() == null ? "" : report.planName();
            if (report.planFile() != null) {
                plan = plan.isEmpty() ? report.planFile().toString() : plan + " (" + report.planFile() + ")";
            }
            table.row(report.runId(), RunSummary.statusWord(report.status()), done + "/" + report.steps().size(), plan);
        }
        return table.lines();
    }
}
