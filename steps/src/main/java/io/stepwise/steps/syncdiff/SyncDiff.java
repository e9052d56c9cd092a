package io.stepwise.steps.syncdiff;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.FileAction;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.tidb.support.Toml;
import io.stepwise.steps.tidb.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * sync-diff-inspector (tidb-tooling.md section 6): writes its TOML with the two snapshots and a
 * fresh output dir (an existing one is resumed from its checkpoint), runs it, and reads
 * {@code summary.txt}, its closing stdout line and the exit code (0 equal, 1 different or failed,
 * 2 bad config). Where the binary is absent and {@code if_missing: skip}, it outputs
 * {@code ran: false} so the plan runs the built-in {@code diff} instead.
 */
public final class SyncDiff implements StepType<SyncDiffConfig> {
    @Override
    public String name() {
        return "sync-diff";
    }

    @Override
    public String description() {
        return "Compares two TiDB/MySQL databases at given snapshots with sync-diff-inspector and reads its summary.";
    }

    static final Param<String> SOURCE = Param.connection("source").required()
            .description("The upstream (source instance).").example("primary");
    static final Param<String> TARGET = Param.connection("target").required()
            .description("The downstream (target instance).").example("secondary");
    static final Param<String> SOURCE_SNAPSHOT = Param.string("source_snapshot")
            .description("The upstream's snapshot: a TSO (the BackupTS, ${steps.backup.backup_ts}), a datetime, or"
                    + " auto.")
            .example("431434047157698561");
    static final Param<String> TARGET_SNAPSHOT = Param.string("target_snapshot")
            .description("The downstream's snapshot: the restore's TS (${steps.restore.restore_ts}), a datetime, or"
                    + " auto.")
            .example("431434200000000000");
    static final Param<List<String>> TABLES = Param.stringList("tables").defaultValue(List.of("*.*"))
            .description("target-check-tables: wildcards; a leading ! excludes.");
    static final Param<Long> CHECK_THREAD_COUNT = Param.integer("check_thread_count").defaultValue(4L).min(1L)
            .description("check-thread-count.");
    static final Param<Boolean> EXPORT_FIX_SQL = Param.bool("export_fix_sql").defaultValue(true)
            .description("export-fix-sql: write fix SQL for differing chunks.");
    static final Param<Boolean> CHECK_STRUCT_ONLY = Param.bool("check_struct_only").defaultValue(false)
            .description("check-struct-only: compare table structures only.");
    static final Param<String> SPLITTER_STRATEGY = Param.string("splitter_strategy").allowed("auto", "random", "limit")
            .description("splitter-strategy (bucket needs ANALYZE TABLE first).");
    static final Param<String> SYNCPOINT_CHANGEFEED = Param.string("syncpoint_changefeed")
            .description("[task] syncpoint-changefeed, for snapshot auto: whose syncpoint to use.");
    static final Param<String> OUTPUT_DIR = Param.string("output_dir")
            .description("output-dir; must not exist (an existing one resumes an old check). Default: a fresh dir in"
                    + " the run directory.");
    static final Param<Boolean> FAIL_ON_DIFFERENCE = Param.bool("fail_on_difference").defaultValue(true)
            .description("Fail the step when the data or structure differs.");
    static final Param<String> IF_MISSING = Param.string("if_missing").defaultValue("fail").allowed("fail", "skip")
            .description("When sync_diff_inspector is not installed: fail, or skip with ran: false.");
    static final Param<List<String>> COMMAND = Param.stringList("command")
            .defaultValue(List.of("sync_diff_inspector")).description("The program and its leading arguments.");

    @Override
    public List<Param<?>> parameters() {
        return List.of(SOURCE, TARGET, SOURCE_SNAPSHOT, TARGET_SNAPSHOT, TABLES, CHECK_THREAD_COUNT, EXPORT_FIX_SQL,
                CHECK_STRUCT_ONLY, SPLITTER_STRATEGY, SYNCPOINT_CHANGEFEED, OUTPUT_DIR, FAIL_ON_DIFFERENCE, IF_MISSING,
                COMMAND);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("ran", ParamType.BOOLEAN, "False when the binary was absent and skipped."),
                OutputDescriptor.of("passed", ParamType.BOOLEAN, "True when every table is equal."),
                OutputDescriptor.of("exit_code", ParamType.INTEGER, "sync_diff_inspector's exit code."),
                OutputDescriptor.of("compared", ParamType.INTEGER, "Tables compared."),
                OutputDescriptor.of("failed", ParamType.INTEGER, "Tables that differ."),
                OutputDescriptor.of("skipped", ParamType.INTEGER, "Tables skipped (missing on one side)."),
                OutputDescriptor.of("tables", ParamType.LIST, "summary.txt's rows: table, result, upcount, downcount,"
                        + " structure_equality, data_diff_rows."),
                OutputDescriptor.of("output_dir", ParamType.STRING, "The output dir (summary.txt, sync_diff.log)."),
                OutputDescriptor.of("fix_sql_dir", ParamType.STRING, "Where the fix SQL for the target is."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        boolean sourceAuto = params.literal(SOURCE_SNAPSHOT).map("auto"::equals).orElse(false);
        boolean targetAuto = params.literal(TARGET_SNAPSHOT).map("auto"::equals).orElse(false);
        if (sourceAuto != targetAuto) {
            problems.add(sourceAuto ? "target_snapshot" : "source_snapshot", "snapshot auto must be set on both sides",
                    "auto reads the syncpoint table on the target; it needs enable_sync_point on the changefeed");
        }
    }

    @Override
    public SyncDiffConfig bind(Params params) {
        return new SyncDiffConfig(params.get(COMMAND), params.connection(SOURCE), params.connection(TARGET),
                params.find(SOURCE_SNAPSHOT), params.find(TARGET_SNAPSHOT), params.get(TABLES),
                params.get(CHECK_THREAD_COUNT), params.get(EXPORT_FIX_SQL), params.get(CHECK_STRUCT_ONLY),
                params.find(SPLITTER_STRATEGY), params.find(SYNCPOINT_CHANGEFEED), params.find(OUTPUT_DIR),
                params.get(FAIL_ON_DIFFERENCE), "skip".equals(params.get(IF_MISSING)));
    }

    static String instance(ConnectionInfo connection, String fallback, String other) {
        String id = connection.name().replaceAll("[^A-Za-z0-9_-]", "_");
        return id.isEmpty() || id.equals(other) ? fallback : id;
    }

    static String sourceId(SyncDiffConfig config) {
        return instance(config.source(), "source", "");
    }

    static String targetId(SyncDiffConfig config) {
        return instance(config.target(), "target", sourceId(config));
    }

    /** The TOML document, keys as sync-diff-inspector spells them. */
    static String toml(SyncDiffConfig config, Path outputDir) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("check-thread-count", config.checkThreadCount());
        doc.put("export-fix-sql", config.exportFixSql());
        doc.put("check-struct-only", config.checkStructOnly());
        config.splitterStrategy().ifPresent(s -> doc.put("splitter-strategy", s));
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put(sourceId(config), dataSource(config.source(), config.sourceSnapshot()));
        sources.put(targetId(config), dataSource(config.target(), config.targetSnapshot()));
        doc.put("data-sources", sources);
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("output-dir", outputDir.toString());
        task.put("source-instances", List.of(sourceId(config)));
        task.put("target-instance", targetId(config));
        task.put("target-check-tables", config.tables());
        config.syncpointChangefeed().ifPresent(id -> task.put("syncpoint-changefeed", id));
        doc.put("task", task);
        return Toml.write(doc);
    }

    private static Map<String, Object> dataSource(ConnectionInfo connection, Optional<String> snapshot) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("host", connection.string("host", "127.0.0.1"));
        String port = connection.string("port", "4000");
        source.put("port", port.matches("\\d+") ? (Object) Long.parseLong(port) : port);
        source.put("user", connection.string("user", "root"));
        source.put("password", connection.string("password", ""));
        snapshot.ifPresent(s -> source.put("snapshot", s));
        return source;
    }

    /** The config file beside its output dir: {@code sync-diff-<source>-<target>[-n].toml}. */
    static Path configPath(Path outputDir) {
        String name = outputDir.getFileName().toString();
        return outputDir.resolveSibling((name.endsWith("-output") ? name.substring(0, name.length() - 7) : name)
                + ".toml");
    }

    static Path plannedOutputDir(SyncDiffConfig config, StepContext context) {
        return config.outputDir().map(Path::of).orElse(context.runDir().resolve("sync-diff-" + sourceId(config) + "-"
                + targetId(config) + "-output"));
    }

    static Path freshOutputDir(SyncDiffConfig config, StepContext context) {
        Path planned = plannedOutputDir(config, context);
        if (config.outputDir().isPresent()) {
            if (Files.exists(planned)) {
                throw new StepFailedException("output_dir " + planned + " exists; sync-diff-inspector would resume its"
                        + " old checkpoint (or refuse: \"config changes breaking the checkpoint\")",
                        "give a new output_dir for every check, or leave it out");
            }
            return planned;
        }
        Path dir = planned;
        String base = planned.getFileName().toString().replaceAll("-output$", "");
        for (int i = 2; Files.exists(dir); i++) {
            dir = planned.resolveSibling(base + "-" + i + "-output");
        }
        return dir;
    }

    static ExecAction exec(SyncDiffConfig config, Path configFile) {
        return ExecAction.of(Tools.argv(config.command(), List.of(Tools.flag("config", configFile))));
    }

    private static void secrets(SyncDiffConfig config, StepContext context) {
        List.of(config.source(), config.target()).forEach(c -> c.setting("password").map(String::valueOf)
                .filter(p -> !p.isEmpty()).ifPresent(context::markSecret));
    }

    @Override
    public List<Action> plan(SyncDiffConfig config, StepContext context) {
        secrets(config, context);
        Path output = plannedOutputDir(config, context);
        List<Action> actions = new ArrayList<>();
        if (config.skipIfMissing()) {
            actions.add(new NoteAction("when " + config.command().get(0) + " is not installed: skip (ran: false)"));
        }
        actions.add(new FileAction(configPath(output), toml(config, output), "toml"));
        actions.add(exec(config, configPath(output)));
        actions.add(new NoteAction("read " + output.resolve("summary.txt") + "; exit 0 equal, 1 different or failed,"
                + " 2 bad config"));
        return actions;
    }

    @Override
    public StepResult execute(SyncDiffConfig config, StepContext context) {
        secrets(config, context);
        Map<String, Object> values = new LinkedHashMap<>();
        if (!Tools.available(config.command(), Map.of())) {
            if (!config.skipIfMissing()) {
                throw new StepFailedException(config.command().get(0) + " is not installed",
                        "install sync-diff-inspector, or set if_missing: skip and compare with the built-in diff");
            }
            context.say(config.command().get(0) + " is not installed: skipped (ran: false)");
            values.put("ran", false);
            values.put("passed", null);
            return new StepResult(values);
        }
        Path output = freshOutputDir(config, context);
        Path configFile = configPath(output);
        context.actions().write(new FileAction(configFile, toml(config, output), "toml"));
        ExecResult result = context.actions().exec(exec(config, configFile));
        if (result.exitCode() == 2 || result.exitCode() > 1) {
            throw Tools.failure(context, "sync_diff_inspector", result, "the config was refused; see its message");
        }
        SummaryReport report = SummaryReport.parse(read(output.resolve("summary.txt")), result.stdout());
        if (result.exitCode() == 1 && report.compared().isEmpty()) {
            throw Tools.failure(context, "sync_diff_inspector", result, "it failed before comparing; see "
                    + output.resolve("sync_diff.log"));
        }
        long skipped = report.skipped().orElse(0L);
        boolean passed = result.exitCode() == 0 && skipped == 0;
        Path fixDir = output.resolve("fix-on-" + targetId(config));
        values.put("ran", true);
        values.put("passed", passed);
        values.put("exit_code", result.exitCode());
        values.put("compared", report.compared().orElse(null));
        values.put("failed", report.failed().orElse(null));
        values.put("skipped", report.skipped().orElse(null));
        values.put("tables", report.tables());
        values.put("output_dir", output.toString());
        values.put("fix_sql_dir", fixDir.toString());
        if (!passed && config.failOnDifference()) {
            String which = report.differing().stream().map(r -> r.get("table") + " (" + r.get("result") + ", "
                    + r.getOrDefault("data_diff_rows", "?") + ")").collect(Collectors.joining(", "));
            throw new StepFailedException("the source and target differ: " + report.failed().orElse(0L) + " failed, "
                    + skipped + " skipped" + (which.isEmpty() ? "" : ": " + which),
                    "review the fix SQL in " + fixDir + " and " + output.resolve("summary.txt"));
        }
        return new StepResult(values);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public Reversibility reversibility(SyncDiffConfig config) {
        return Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public boolean idempotent(SyncDiffConfig config) {
        return true;
    }
}
