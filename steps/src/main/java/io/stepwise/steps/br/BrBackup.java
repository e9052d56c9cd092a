package io.stepwise.steps.br;

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
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.spi.action.SqlResult;
import io.stepwise.steps.tidb.support.Rows;
import io.stepwise.steps.tidb.support.StorageListing;
import io.stepwise.steps.tidb.support.Tools;
import io.stepwise.steps.tidb.support.Tso;
import io.stepwise.steps.tidb.support.Uris;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A BR backup (tidb-tooling.md 4.1 and 4.3) whose BackupTS feeds the changefeed's start_ts and the
 * check's snapshot. Refuses a storage prefix that already holds a {@code backupmeta}.
 */
public final class BrBackup implements StepType<BackupConfig> {
    static final String BACKUPMETA = "backupmeta";

    @Override
    public String name() {
        return "br.backup";
    }

    @Override
    public String description() {
        return "Backs up a TiDB cluster with BR (BACKUP statement or br backup) and captures its BackupTS.";
    }

    static final Param<String> COMPRESSION = Param.string("compression").allowed("lz4", "zstd", "snappy")
            .description("COMPRESSION_TYPE / --compression.");
    static final Param<Long> COMPRESSION_LEVEL = Param.integer("compression_level")
            .description("COMPRESSION_LEVEL / --compression-level.");
    static final Param<Boolean> IGNORE_STATS = Param.bool("ignore_stats")
            .description("sql mode: IGNORE_STATS (stats are not backed up by default).");
    static final Param<String> SNAPSHOT = Param.string("snapshot")
            .check(BrSql::isTimeValue, "must be a TSO, a datetime such as '2024-05-01 10:00:00' or 'N <unit> AGO'")
            .description("Back up as of this TSO, datetime or 'N MINUTE AGO' (SNAPSHOT / --backupts).");
    static final Param<String> LAST_BACKUP = Param.string("last_backup")
            .check(BrSql::isTimeValue, "must be a TSO or a datetime such as '2024-05-01 10:00:00'")
            .description("Incremental from this TSO or datetime (LAST_BACKUP / --lastbackupts).");
    static final Param<Long> GC_TTL = Param.integer("gc_ttl")
            .description("cli mode: seconds BR keeps its GC safepoint (--gcttl).");
    static final Param<Boolean> CHECK_FRESH_PREFIX = Param.bool("check_fresh_prefix").defaultValue(true)
            .description("Refuse a storage prefix that already holds a backupmeta (BR would fail on it).");

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> list = new ArrayList<>(BrParams.common());
        list.addAll(List.of(COMPRESSION, COMPRESSION_LEVEL, IGNORE_STATS, SNAPSHOT, LAST_BACKUP, GC_TTL,
                CHECK_FRESH_PREFIX));
        return list;
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("backup_ts", ParamType.INTEGER, "The BackupTS: everything committed before it is"
                        + " in the backup; the changefeed starts here."),
                OutputDescriptor.of("backup_ts_time", ParamType.STRING, "The BackupTS as an ISO-8601 UTC time."),
                OutputDescriptor.of("size", ParamType.INTEGER, "Backup size in bytes, when reported."),
                OutputDescriptor.of("destination", ParamType.STRING, "The storage URI without its query."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        BrParams.validate(params, problems, List.of(IGNORE_STATS, BrParams.PROGRESS_INTERVAL),
                List.of(GC_TTL, BrParams.PD, BrParams.EXTRA_ARGS));
    }

    @Override
    public BackupConfig bind(Params params) {
        return new BackupConfig(BrParams.bind(params), params.find(COMPRESSION), params.find(COMPRESSION_LEVEL),
                params.find(IGNORE_STATS), params.find(SNAPSHOT), params.find(LAST_BACKUP), params.find(GC_TTL),
                params.get(CHECK_FRESH_PREFIX));
    }

    /** The BACKUP statement with every option given. */
    static String statement(BackupConfig config) {
        BrOptions options = config.options();
        List<String> opts = new ArrayList<>(BrSql.commonOptions(options));
        config.compression().ifPresent(v -> opts.add("COMPRESSION_TYPE = '" + v + "'"));
        config.compressionLevel().ifPresent(v -> opts.add("COMPRESSION_LEVEL = " + v));
        config.ignoreStats().ifPresent(v -> opts.add("IGNORE_STATS = " + BrSql.bool(v)));
        config.snapshot().ifPresent(v -> opts.add("SNAPSHOT = " + BrSql.timeValue(v)));
        config.lastBackup().ifPresent(v -> opts.add("LAST_BACKUP = " + BrSql.timeValue(v)));
        return BrSql.statement("BACKUP " + BrSql.targets(options) + " TO "
                + io.stepwise.steps.jdbc.SqlLiterals.string(options.storage()), opts);
    }

    static List<String> cliArgs(BackupConfig config) {
        List<String> own = new ArrayList<>();
        config.compression().ifPresent(v -> own.add(Tools.flag("compression", v)));
        config.compressionLevel().ifPresent(v -> own.add(Tools.flag("compression-level", v)));
        config.snapshot().ifPresent(v -> own.add(Tools.flag("backupts", v)));
        config.lastBackup().ifPresent(v -> own.add(Tools.flag("lastbackupts", v)));
        config.gcTtl().ifPresent(v -> own.add(Tools.flag("gcttl", v)));
        return BrCli.args("backup", config.options(), own);
    }

    @Override
    public List<Action> plan(BackupConfig config, StepContext context) {
        Uris.markSecrets(config.options().storage(), context);
        List<Action> actions = new ArrayList<>();
        if (config.checkFreshPrefix()) {
            actions.add(new NoteAction("check that " + Uris.stripQuery(config.options().storage())
                    + " holds no " + BACKUPMETA + " (a fresh prefix per backup)"));
        }
        if (config.options().mode() == BrOptions.Mode.SQL) {
            actions.add(BrSql.action(config.options(), statement(config)));
            actions.add(new NoteAction("while it runs, read SHOW BACKUPS every "
                    + config.options().progressInterval().toSeconds() + "s on a second connection"));
        } else {
            actions.add(BrCli.exec(config.options(), cliArgs(config)));
        }
        return actions;
    }

    @Override
    public StepResult execute(BackupConfig config, StepContext context) {
        BrOptions options = config.options();
        Uris.markSecrets(options.storage(), context);
        if (config.checkFreshPrefix()) {
            checkFreshPrefix(options.storage(), context);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (options.mode() == BrOptions.Mode.SQL) {
            SqlResult result = BrSql.runWithProgress(options, statement(config), "BACKUPS", context);
            Map<String, Object> row = Rows.single(result, "BACKUP");
            Tso ts = Tso.parse("BackupTS", Rows.required(result, row, "BackupTS", "BACKUP"));
            values.putAll(ts.describe("backup_ts"));
            values.put("size", Rows.column(row, "Size").map(v -> Rows.number(v, "Size")).orElse(null));
            values.put("destination", Rows.column(row, "Destination").map(String::valueOf).orElse(null));
            values.put("queue_time", Rows.column(row, "Queue Time").map(String::valueOf).orElse(null));
            values.put("execution_time", Rows.column(row, "Execution Time").map(String::valueOf).orElse(null));
            return new StepResult(values);
        }
        ExecResult result = context.actions().exec(BrCli.exec(options, cliArgs(config)));
        String output = result.stdout() + "\n" + result.stderr();
        if (result.exitCode() != 0) {
            throw Tools.failure(context, "br backup", result, BrHints.forMessage(output).orElse(null));
        }
        Optional<Map<String, String>> summary = BrCli.summary(output);
        String backupTs = summary.map(s -> s.get("BackupTS")).orElse(null);
        if (backupTs == null) {
            ExecResult decoded = Tools.runChecked(context, BrCli.decodeEndVersion(options),
                    "br validate decode --field=end-version", null);
            backupTs = BrCli.lastLine(decoded.stdout()).orElse("");
        }
        values.putAll(Tso.parse("BackupTS", backupTs).describe("backup_ts"));
        values.put("size", summary.map(s -> s.get("Size")).map(v -> Rows.number(v, "Size")).orElse(null));
        values.put("destination", Uris.stripQuery(options.storage()));
        values.put("total_take", summary.map(s -> s.get("total-take")).orElse(null));
        return new StepResult(values);
    }

    /** Refuses a prefix holding a backupmeta; says so when the storage cannot be listed from here. */
    static void checkFreshPrefix(String storage, StepContext context) {
        Optional<List<String>> names;
        try {
            names = StorageListing.list(storage);
        } catch (StepFailedException e) {
            context.say("could not list " + Uris.stripQuery(storage) + " from here (" + context.mask(e.getMessage())
                    + "); BR itself refuses a used prefix (\"backup meta file exists\")");
            return;
        }
        if (names.isEmpty()) {
            context.say("could not list " + Uris.stripQuery(storage) + " from here to look for a " + BACKUPMETA
                    + "; BR itself refuses a used prefix (\"backup meta file exists\")");
            return;
        }
        if (names.get().contains(BACKUPMETA)) {
            throw new StepFailedException(Uris.stripQuery(storage) + " already holds a " + BACKUPMETA
                    + ": it is an earlier backup", BrHints.forMessage("backup meta file exists").orElseThrow());
        }
    }

    @Override
    public Reversibility reversibility(BackupConfig config) {
        // The cluster is not changed; the backup files sit in their own fresh prefix.
        return Reversibility.NOTHING_TO_UNDO;
    }
}
