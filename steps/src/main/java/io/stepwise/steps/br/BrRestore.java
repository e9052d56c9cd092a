package io.stepwise.steps.br;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.spi.action.SqlResult;
import io.stepwise.steps.tidb.support.CurrentTso;
import io.stepwise.steps.tidb.support.Rows;
import io.stepwise.steps.jdbc.SqlLiterals;
import io.stepwise.steps.tidb.support.Tools;
import io.stepwise.steps.tidb.support.Tso;
import io.stepwise.steps.tidb.support.Uris;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A BR restore (tidb-tooling.md 4.1, 4.3, 4.4) into a target that holds no user tables where it
 * writes and no changefeed. Outputs the target's TSO read after the restore for the check's snapshot.
 */
public final class BrRestore implements StepType<RestoreConfig> {
    static final String RESTORE_TS_NOTE = "restore_ts: the target's TSO read once the restore has returned (RESTORE's"
            + " Cluster TS and BR's [RestoreTS] are taken before the tables are created: a read there finds none)";

    @Override
    public String name() {
        return "br.restore";
    }

    @Override
    public String description() {
        return "Restores a BR backup into an empty TiDB cluster (RESTORE statement or br restore).";
    }

    static final Param<Boolean> LOAD_STATS = Param.bool("load_stats").description("LOAD_STATS / --load-stats.");
    static final Param<Boolean> WITH_SYS_TABLE = Param.bool("with_sys_table")
            .description("WITH_SYS_TABLE / --with-sys-table (privilege tables).");
    static final Param<Boolean> WAIT_TIFLASH_READY = Param.bool("wait_tiflash_ready")
            .description("sql mode: WAIT_TIFLASH_READY.");
    static final Param<Boolean> REQUIRE_EMPTY = Param.bool("require_empty").defaultValue(true)
            .description("Refuse a target holding user tables where the restore writes (needs connection).");
    static final Param<String> TICDC_URL = Param.string("ticdc_url")
            .description("The target cluster's TiCDC; when given, refuse if it holds any changefeed (stricter than BR"
                    + " >= 8.2, which refuses only changefeeds whose checkpoint is before BackupTS; for a DR target any"
                    + " changefeed is a mistake).")
            .example("http://127.0.0.1:8300");

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> list = new ArrayList<>(BrParams.common());
        list.addAll(List.of(LOAD_STATS, WITH_SYS_TABLE, WAIT_TIFLASH_READY, REQUIRE_EMPTY, TICDC_URL));
        return list;
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("restore_ts", ParamType.INTEGER, "The target's TSO read after the restore"
                        + " returned (BEGIN; SELECT TIDB_CURRENT_TSO(); ROLLBACK on the connection): a snapshot that"
                        + " holds the restored tables, for the downstream side of the check. Empty without a"
                        + " connection."),
                OutputDescriptor.of("cluster_ts", ParamType.INTEGER, "RESTORE's Cluster TS column, or the CLI's"
                        + " [RestoreTS=...]. BR takes it before it creates the tables: never a read snapshot."),
                OutputDescriptor.of("backup_ts", ParamType.INTEGER, "The BackupTS column or summary field."),
                OutputDescriptor.of("destination", ParamType.STRING, "The storage URI without its query."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        BrParams.validate(params, problems, List.of(WAIT_TIFLASH_READY, BrParams.PROGRESS_INTERVAL),
                List.of(BrParams.PD, BrParams.EXTRA_ARGS));
    }

    @Override
    public RestoreConfig bind(Params params) {
        return new RestoreConfig(BrParams.bind(params), params.find(LOAD_STATS), params.find(WITH_SYS_TABLE),
                params.find(WAIT_TIFLASH_READY), params.get(REQUIRE_EMPTY), params.find(TICDC_URL));
    }

    static String statement(RestoreConfig config) {
        BrOptions options = config.options();
        List<String> opts = new ArrayList<>(BrSql.commonOptions(options));
        config.loadStats().ifPresent(v -> opts.add("LOAD_STATS = " + BrSql.bool(v)));
        config.withSysTable().ifPresent(v -> opts.add("WITH_SYS_TABLE = " + BrSql.bool(v)));
        config.waitTiflashReady().ifPresent(v -> opts.add("WAIT_TIFLASH_READY = " + BrSql.bool(v)));
        return BrSql.statement("RESTORE " + BrSql.targets(options) + " FROM " + SqlLiterals.string(options.storage()),
                opts);
    }

    static List<String> cliArgs(RestoreConfig config) {
        List<String> own = new ArrayList<>();
        config.withSysTable().ifPresent(v -> own.add(Tools.flag("with-sys-table", v)));
        config.loadStats().ifPresent(v -> own.add(Tools.flag("load-stats", v)));
        return BrCli.args("restore", config.options(), own);
    }

    @Override
    public List<Action> plan(RestoreConfig config, StepContext context) {
        BrOptions options = config.options();
        Uris.markSecrets(options.storage(), context);
        List<Action> actions = new ArrayList<>();
        if (config.requireEmpty() && options.connection().isPresent()) {
            actions.add(RestoreGuards.tablesQuery(options));
            actions.add(new NoteAction("refuse when the query above returns any row (the target is not empty)"));
        }
        config.ticdcUrl().ifPresent(url -> {
            actions.add(RestoreGuards.changefeedsQuery(url));
            actions.add(new NoteAction("refuse when the target's TiCDC lists any changefeed"));
        });
        if (options.mode() == BrOptions.Mode.SQL) {
            actions.add(BrSql.action(options, statement(config)));
            actions.add(new NoteAction("while it runs, read SHOW RESTORES every "
                    + options.progressInterval().toSeconds() + "s on a second connection"));
        } else {
            actions.add(BrCli.exec(options, cliArgs(config)));
        }
        options.connection().ifPresent(connection -> {
            actions.add(new NoteAction(RESTORE_TS_NOTE));
            actions.addAll(CurrentTso.actions(connection));
        });
        return actions;
    }

    @Override
    public StepResult execute(RestoreConfig config, StepContext context) {
        BrOptions options = config.options();
        Uris.markSecrets(options.storage(), context);
        if (config.requireEmpty()) {
            if (options.connection().isPresent()) {
                RestoreGuards.checkEmpty(options, context);
            } else {
                context.say("no connection to check that the target is empty; br restore full checks it itself");
            }
        }
        config.ticdcUrl().ifPresent(url -> RestoreGuards.checkNoChangefeed(url, context));
        Map<String, Object> values = new LinkedHashMap<>();
        if (options.mode() == BrOptions.Mode.SQL) {
            SqlResult result = BrSql.runWithProgress(options, statement(config), "RESTORES", context);
            Map<String, Object> row = Rows.single(result, "RESTORE");
            Optional<Long> clusterTs = Rows.column(row, "Cluster TS").map(v -> Rows.number(v, "Cluster TS"));
            long backupTs = Rows.number(Rows.required(result, row, "BackupTS", "RESTORE"), "BackupTS");
            values.put("restore_ts", CurrentTso.read(options.sqlConnection(), context).value());
            values.put("cluster_ts", clusterTs.orElse(null));
            values.put("backup_ts", backupTs);
            values.put("destination", Rows.column(row, "Destination").map(String::valueOf).orElse(null));
            values.put("size", Rows.column(row, "Size").map(v -> Rows.number(v, "Size")).orElse(null));
            return new StepResult(values);
        }
        ExecResult result = context.actions().exec(BrCli.exec(options, cliArgs(config)));
        String output = result.stdout() + "\n" + result.stderr();
        if (result.exitCode() != 0) {
            throw Tools.failure(context, "br restore", result, BrHints.forMessage(output).orElse(null));
        }
        Optional<Map<String, String>> summary = BrCli.summary(output);
        if (options.connection().isPresent()) {
            values.put("restore_ts", CurrentTso.read(options.sqlConnection(), context).value());
        } else {
            values.put("restore_ts", null);
            context.say("no connection to the target: restore_ts is not read (BR's RestoreTS is no read snapshot)");
        }
        values.put("cluster_ts", summary.map(s -> s.get("RestoreTS")).map(v -> Tso.parse("RestoreTS", v).value())
                .orElse(null));
        values.put("backup_ts", summary.map(s -> s.get("BackupTS")).map(v -> Tso.parse("BackupTS", v).value())
                .orElse(null));
        values.put("destination", Uris.stripQuery(options.storage()));
        values.put("total_take", summary.map(s -> s.get("total-take")).orElse(null));
        return new StepResult(values);
    }

    @Override
    public Reversibility reversibility(RestoreConfig config) {
        return Reversibility.NEEDS_PERSON;
    }
}
