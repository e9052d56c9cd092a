package io.stepwise.steps.diff;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.spi.action.SqlAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code diff}: compares tables on two MySQL-protocol servers (MariaDB, MySQL, TiDB) chunk by chunk
 * with a COUNT and MD5/BIT_XOR checksum computed by the servers, bisects differing chunks down to rows,
 * and writes the SQL that makes the target equal the source. Read-only on both servers.
 */
public final class DiffStep implements StepType<DiffConfig> {
    private static final String PATTERNS = "must hold schema.table patterns, such as test.* or test.orders";
    private static final String SNAPSHOT = "must be 'consistent', a TiDB TSO such as 446123456789012345, or a timestamp"
            + " such as 2024-05-01 12:00:00";

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String description() {
        return "Compares tables of two MySQL-protocol servers by chunk checksums and writes fix SQL for the rows that differ.";
    }

    static final Param<String> SOURCE = Param.connection("source").required().allowed("mysql")
            .description("the reference side (a mysql connection)").example("primary");
    static final Param<String> TARGET = Param.connection("target").required().allowed("mysql")
            .description("the side compared with it; fix SQL makes it equal the source").example("secondary");
    static final Param<List<String>> TABLES = Param.stringList("tables").required()
            .description("schema.table patterns with * and ? wildcards; system schemas only when named outright")
            .example(List.of("test.*", "shop.orders"))
            .check(patterns -> !patterns.isEmpty(), "must name at least one table pattern")
            .check(DiffStep::arePatterns, PATTERNS);
    static final Param<List<String>> EXCLUDE = Param.stringList("exclude").defaultValue(List.of())
            .description("schema.table patterns to leave out").example(List.of("test.tmp_*"))
            .check(DiffStep::arePatterns, PATTERNS);
    static final Param<Long> CHUNK_SIZE = Param.integer("chunk_size").defaultValue(10_000L).min(2L).max(10_000_000L)
            .description("rows per checksummed chunk").example(50_000L);
    static final Param<Long> THREADS = Param.integer("threads").defaultValue(4L).min(1L).max(64L)
            .description("chunks checked at once (each reads both sides in parallel)").example(8L);
    static final Param<String> SNAPSHOT_SOURCE = Param.string("snapshot_source")
            .description("read the source at a snapshot: a TiDB TSO or timestamp (sets tidb_snapshot),"
                    + " or 'consistent' (START TRANSACTION WITH CONSISTENT SNAPSHOT sessions kept only at one binlog"
                    + " position, else one session)")
            .example("${steps.backup.backup_ts}").check(DiffConfig::isSnapshotValue, SNAPSHOT);
    static final Param<String> SNAPSHOT_TARGET = Param.string("snapshot_target")
            .description("the same for the target").example(DiffConfig.CONSISTENT)
            .check(DiffConfig::isSnapshotValue, SNAPSHOT);
    static final Param<String> FIX_SQL_FILE = Param.string("fix_sql_file").defaultValue("diff-fix.sql")
            .description("where the fix SQL goes, relative to the run dir; review it, then apply it to the target")
            .example("fix/orders.sql");
    static final Param<String> CHECKSUM = Param.string("checksum").defaultValue("md5").allowed("md5", "crc32")
            .description("row hash of the chunk checksum: md5 (sync-diff-inspector's, 64 bits a row) or"
                    + " crc32 (pt-table-checksum's, 32 bits a row, about three times cheaper for the"
                    + " servers; COUNT still guards every chunk)").example("crc32");
    static final Param<String> FIRST_PASS = Param.string("first_pass").defaultValue("checksum_table")
            .allowed("checksum_table", "none")
            .description("checksum_table: first compare each whole table with CHECKSUM TABLE ... EXTENDED on"
                    + " both sides at once (one read of the data), and check in chunks only the tables where they"
                    + " differ; trusted only when both servers report the same VERSION() (MariaDB or MySQL, never"
                    + " TiDB), the table's SHOW CREATE TABLE is the same on both (AUTO_INCREMENT aside), and"
                    + " no snapshot is set. none: chunks for every table").example("none");
    static final Param<Boolean> COUNT_ROWS = Param.bool("count_rows").defaultValue(false)
            .description("true: count the rows of each table the first pass settles with COUNT(*) (on the"
                    + " source for every other table, on the target for the rest), so rows_checked is exact, at"
                    + " the cost of a second read of each equal table. false: rows_checked takes the server's"
                    + " estimate (information_schema.TABLES.TABLE_ROWS) for those tables and rows_estimated is"
                    + " set; the checksum, not the count, proves a table equal. Tables checked in chunks are"
                    + " always counted exactly")
            .example(true);
    static final Param<Boolean> FAIL_ON_DIFFERENCE = Param.bool("fail_on_difference").defaultValue(true)
            .description("fail the step when the tables differ (else only pass=false)").example(false);

    private static boolean arePatterns(List<String> patterns) {
        patterns.forEach(TablePattern::parse);
        return true;
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(SOURCE, TARGET, TABLES, EXCLUDE, CHUNK_SIZE, THREADS, SNAPSHOT_SOURCE, SNAPSHOT_TARGET,
                FIX_SQL_FILE, CHECKSUM, FIRST_PASS, COUNT_ROWS, FAIL_ON_DIFFERENCE);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("tables", ParamType.INTEGER, "tables compared"),
                OutputDescriptor.of("tables_differing", ParamType.INTEGER, "tables that are not equal"),
                OutputDescriptor.of("rows_checked", ParamType.INTEGER, "source rows checksummed (counted, unless"
                        + " rows_estimated)"),
                OutputDescriptor.of("rows_estimated", ParamType.BOOLEAN, "rows_checked holds the server's estimate"
                        + " for some table the first pass settled (count_rows: false)"),
                OutputDescriptor.of("rows_differing", ParamType.INTEGER, "rows changed, missing or extra on the target"),
                OutputDescriptor.of("pass", ParamType.BOOLEAN, "every table is equal"),
                OutputDescriptor.of("fix_sql_file", ParamType.STRING, "the fix SQL (REPLACE INTO / DELETE)"),
                OutputDescriptor.of("fix_statements", ParamType.INTEGER, "statements in the fix SQL"),
                OutputDescriptor.of("duration_ms", ParamType.INTEGER, "how long the comparison took"),
                OutputDescriptor.of("rows_per_second", ParamType.INTEGER, "rows checked a second"),
                OutputDescriptor.of("details", ParamType.LIST, "per table: table, status (equal, differing,"
                        + " missing_table, extra_table, schema_differs), rows_source, rows_target, changed, missing,"
                        + " extra, chunks, samples, note"));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        Optional<String> source = params.literal(SOURCE);
        if (source.isPresent() && source.equals(params.literal(TARGET))) {
            problems.add(TARGET.name(), "source and target are the same connection", null);
        }
    }

    @Override
    public DiffConfig bind(Params params) {
        ConnectionInfo source = params.connection(SOURCE);
        ConnectionInfo target = params.connection(TARGET);
        return new DiffConfig(source, target, params.get(TABLES).stream().map(TablePattern::parse).toList(),
                params.get(EXCLUDE).stream().map(TablePattern::parse).toList(),
                params.get(CHUNK_SIZE).intValue(), params.get(THREADS).intValue(),
                params.find(SNAPSHOT_SOURCE), params.find(SNAPSHOT_TARGET), params.get(FIX_SQL_FILE),
                params.get(FAIL_ON_DIFFERENCE), DiffConfig.Algorithm.parse(params.get(CHECKSUM)),
                params.get(FIRST_PASS).equals("checksum_table"), params.get(COUNT_ROWS));
    }

    @Override
    public List<Action> plan(DiffConfig config, StepContext context) {
        List<Action> actions = new ArrayList<>();
        actions.add(new NoteAction("compare tables " + config.tables() + (config.exclude().isEmpty() ? ""
                : " without " + config.exclude()) + " of " + config.source().describe() + " and "
                + config.target().describe() + ": chunks of " + config.chunkSize() + " rows by primary key, "
                + config.threads() + " at once, both sides in parallel"));
        snapshotAction(config.source(), config.snapshotSource()).ifPresent(actions::add);
        snapshotAction(config.target(), config.snapshotTarget()).ifPresent(actions::add);
        for (ConnectionInfo side : List.of(config.source(), config.target())) {
            actions.add(sql(side, DiffSql.tablesTemplate()));
        }
        if (config.firstPassApplies()) {
            actions.add(new NoteAction("when both servers report the same VERSION() (not TiDB) and a table's SHOW CREATE"
                    + " TABLE is the same on both, the table is first compared whole; only a table whose checksum"
                    + " differs is checked in chunks"));
            actions.add(sql(config.source(), DiffSql.wholeTableTemplate()));
            actions.add(sql(config.target(), DiffSql.wholeTableTemplate()));
        }
        actions.add(sql(config.source(), DiffSql.checksumTemplate(config.checksum())));
        actions.add(sql(config.target(), DiffSql.checksumTemplate(config.checksum())));
        actions.add(new NoteAction("a chunk whose count or checksum differs is split at its middle key until at most "
                + TableDiff.LEAF_ROWS + " rows remain; those rows are read from both sides and compared by key"));
        actions.add(new NoteAction("write REPLACE INTO / DELETE statements for differing rows to "
                + config.fixSqlPath(context.runDir())));
        return actions;
    }

    private static Optional<Action> snapshotAction(ConnectionInfo side, Optional<String> snapshot) {
        return snapshot.map(value -> value.equals(DiffConfig.CONSISTENT)
                ? sql(side, "START TRANSACTION WITH CONSISTENT SNAPSHOT")
                : new SqlAction(side, SqlText.of("SET @@tidb_snapshot = ?", value)));
    }

    private static SqlAction sql(ConnectionInfo connection, String text) {
        return new SqlAction(connection, SqlText.of(text));
    }

    @Override
    public StepResult execute(DiffConfig config, StepContext context) {
        return new StepResult(new DiffRun(config, context).run());
    }

    @Override
    public Reversibility reversibility(DiffConfig config) {
        return Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public boolean idempotent(DiffConfig config) {
        return true;
    }
}
