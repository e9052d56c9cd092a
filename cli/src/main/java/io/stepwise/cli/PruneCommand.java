package io.stepwise.cli;

import io.stepwise.engine.api.PrunedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepwise prune}: frees the disk of runs that are over, keeping their journals. */
@Command(name = "prune", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {
            "Removes what runs that are over (succeeded or rolled back) hold on disk: data dirs, dumps, process logs. "
                    + "Each keeps its journal and plan copy, so stepwise status still tells it. A failed or "
                    + "interrupted run is left alone (it can be resumed), and so is a run in use.",
            "Covers the state directory given (--state-dir, STEPWISE_STATE_DIR, or --plan's), else every state "
                    + "directory runs were started in."
        },
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:pruned (or nothing to prune)", ExitStatus.HELP_USAGE},
        footerHeading = "%nExamples:%n",
        footer = {"  stepwise prune --older-than 7d --keep 3",
            "  stepwise prune --dry-run"})
final class PruneCommand implements Callable<Integer>, PlanCommand {
    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*(m|h|d|w)");

    private final CliContext context;

    @Option(names = "--older-than", paramLabel = "AGE", converter = AgeConverter.class,
            description = "Only runs that ended longer ago than this: 30m, 12h, 7d, 2w.")
    Duration olderThan;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "0",
            description = "Leave the newest N runs that are over as they are. Default: ${DEFAULT-VALUE}.")
    int keep;

    @Option(names = "--dry-run", description = "Say what would be removed; remove nothing.")
    boolean dryRun;

    @Option(names = "--plan", paramLabel = "PLAN", description = "Only the runs in this plan's state directory.")
    Path plan;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Only the runs in this state directory.")
    Path stateDir;

    PruneCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Optional<Path> planFile() {
        return Optional.ofNullable(plan);
    }

    @Override
    public Integer call() {
        List<PrunedRun> pruned = context.engine().prune(planFile(), Optional.ofNullable(stateDir),
                Optional.ofNullable(olderThan), keep, dryRun);
        PrintWriter out = context.out();
        if (pruned.isEmpty()) {
            out.println("Nothing to prune: no run that is over holds data"
                    + (olderThan == null ? "" : " and ended more than " + format(olderThan) + " ago")
                    + (keep > 0 ? " beyond the newest " + keep : "") + ".");
        } else {
            TextTable table = new TextTable("RUN", "STATUS", dryRun ? "WOULD FREE" : "FREED", "DIRECTORY");
            pruned.forEach(p -> table.row(p.runId(), RunSummary.statusWord(p.status()), Bytes.format(p.bytesFreed()),
                    p.runDir().toString()));
            table.lines().forEach(out::println);
            long total = pruned.stream().mapToLong(PrunedRun::bytesFreed).sum();
            out.println((dryRun ? "Would free " : "Freed ") + Bytes.format(total) + " from " + pruned.size()
                    + (pruned.size() == 1 ? " run" : " runs") + "; journals and plan copies are kept.");
        }
        out.flush();
        return ExitStatus.SUCCESS;
    }

    static Duration parseAge(String text) {
        Matcher m = AGE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not an age; use a number and m, h, d or w"
                    + " (7d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    private static String format(Duration age) {
        return age.toDays() > 0 && age.toHours() % 24 == 0 ? age.toDays() + "d"
                : age.toMinutes() % 60 == 0 ? age.toHours() + "h" : age.toMinutes() + "m";
    }

    /** picocli's converter for {@code --older-than}. */
    static final class AgeConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parseAge(value);
        }
    }
}
