package io.stepwise.steps.tidb;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import io.stepwise.steps.tidb.support.Rows;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Disables or enables TiDB GC ({@code SET GLOBAL tidb_gc_enable}) and reads the variable back
 * (tidb-tooling.md section 5). Outputs the state before, so the rollback of a disable restores it:
 * GC that was on is switched on again; GC that was already off is left off. Before it switches GC on
 * again, the rollback reads {@code SHOW BACKUPS}: a task without a {@code Finish_time} is still
 * copying (a BACKUP whose connection broke goes on, tidb-tooling.md 9, item 4), and GC stays off.
 */
public final class TidbGc implements StepType<GcConfig> {
    static final String READ = "SELECT @@global.tidb_gc_enable";
    static final String DISABLE = "SET GLOBAL tidb_gc_enable = OFF";
    static final String ENABLE = "SET GLOBAL tidb_gc_enable = ON";
    static final String COLUMN = "@@global.tidb_gc_enable";
    static final String SHOW_BACKUPS = "SHOW BACKUPS";

    @Override
    public String name() {
        return "tidb.gc";
    }

    @Override
    public String description() {
        return "Disables or enables TiDB GC (tidb_gc_enable) and verifies it by reading the variable back.";
    }

    static final Param<String> CONNECTION = Param.connection("connection").required()
            .description("The TiDB cluster (a mysql connection to any TiDB server of it).").example("primary");
    static final Param<String> ACTION = Param.string(Param.ACTION).required().allowed("disable", "enable")
            .description("disable before BACKUP so nothing after BackupTS is collected; enable once the changefeed"
                    + " holds the GC safepoint (its state is normal).")
            .example("disable");
    static final Param<Duration> BACKUP_WAIT = Param.duration("backup_wait").defaultValue(Duration.ofSeconds(30))
            .min(Duration.ZERO).onlyFor("disable")
            .description("The rollback of disable: how long to wait for a BACKUP still listed by SHOW BACKUPS to end"
                    + " (BR notices KILL TIDB QUERY within 3 s) before GC is left off.");

    @Override
    public List<Param<?>> parameters() {
        return List.of(CONNECTION, ACTION, BACKUP_WAIT);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("previous_enabled", ParamType.BOOLEAN, "Whether GC was enabled before this step."),
                OutputDescriptor.of("enabled", ParamType.BOOLEAN, "Whether GC is enabled now, as read back."));
    }

    @Override
    public GcConfig bind(Params params) {
        return new GcConfig(params.connection(CONNECTION), "enable".equals(params.get(ACTION)),
                params.get(BACKUP_WAIT));
    }

    @Override
    public List<Action> plan(GcConfig config, StepContext context) {
        return List.of(read(config), set(config, config.enable()), read(config));
    }

    @Override
    public StepResult execute(GcConfig config, StepContext context) {
        boolean previous = readState(config, context);
        context.progress((config.enable() ? "enabling" : "disabling") + " GC on " + config.connection().name());
        context.actions().sql(set(config, config.enable()));
        boolean now = readState(config, context);
        if (now != config.enable()) {
            throw new StepFailedException("tidb_gc_enable reads " + (now ? "ON" : "OFF") + " after setting it "
                    + (config.enable() ? "ON" : "OFF") + " on " + config.connection().describe(),
                    "check that the user has SUPER or SYSTEM_VARIABLES_ADMIN and that no other session changes it");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("previous_enabled", previous);
        values.put("enabled", now);
        return new StepResult(values);
    }

    @Override
    public Reversibility reversibility(GcConfig config) {
        // Re-enabling GC is the safe state: a rollback never switches GC off.
        return config.enable() ? Reversibility.NOTHING_TO_UNDO : Reversibility.SELF;
    }

    @Override
    public List<Action> planRollback(GcConfig config, StepResult result, StepContext context) {
        if (config.enable()) {
            return List.of();
        }
        if (Boolean.FALSE.equals(result.values().get("previous_enabled"))) {
            return List.of(new NoteAction("GC was already disabled before this step: leave it disabled"));
        }
        return List.of(new SqlAction(config.connection(), SqlText.of(SHOW_BACKUPS)),
                new NoteAction("leave GC off while a BACKUP listed there has no Finish_time (wait up to "
                        + config.backupWait().toSeconds() + "s); SHOW BACKUPS lists the SQL tasks of this TiDB server, not"
                        + " br CLI backups"), set(config, true), read(config));
    }

    @Override
    public void rollback(GcConfig config, StepResult result, StepContext context) {
        if (config.enable() || Boolean.FALSE.equals(result.values().get("previous_enabled"))) {
            return;
        }
        waitForNoRunningBackup(config, context);
        context.actions().sql(set(config, true));
        if (!readState(config, context)) {
            throw new StepFailedException("GC is still disabled on " + config.connection().describe()
                    + " after SET GLOBAL tidb_gc_enable = ON", "enable it by hand: " + ENABLE);
        }
    }

    @Override
    public boolean idempotent(GcConfig config) {
        return true;
    }

    /** Refuses to switch GC on while SHOW BACKUPS lists an unfinished task; says so when it cannot tell. */
    static void waitForNoRunningBackup(GcConfig config, StepContext context) {
        long deadline = System.nanoTime() + config.backupWait().toNanos();
        while (true) {
            List<String> running;
            try {
                running = runningBackups(context.actions().sql(
                        new SqlAction(config.connection(), SqlText.of(SHOW_BACKUPS))));
            } catch (StepFailedException e) {
                context.say("could not read SHOW BACKUPS on " + config.connection().describe() + " ("
                        + context.mask(e.getMessage()) + "): GC is switched on without knowing whether a BACKUP"
                        + " still runs");
                return;
            }
            if (running.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailedException("a BACKUP is still running on " + config.connection().describe() + ": "
                        + String.join(", ", running) + "; GC stays disabled so the copy at its BackupTS is kept",
                        "let it finish or cancel it (KILL TIDB QUERY <Connection>), then: " + ENABLE);
            }
            context.progress("waiting for the running BACKUP to end before GC is switched on: "
                    + String.join(", ", running));
            context.pause(Duration.ofSeconds(3));
        }
    }

    /** Tasks without a Finish_time (brie.go sets it once BR returns): destination, state and progress. */
    static List<String> runningBackups(SqlResult result) {
        return result.rows().stream()
                .filter(row -> {
                    Object finish = Rows.column(row, "Finish_time").orElse(null);
                    return finish == null || String.valueOf(finish).isBlank() || String.valueOf(finish).startsWith("0000");
                })
                .map(row -> Rows.column(row, "Destination").orElse("?") + " (" + Rows.column(row, "State").orElse("?")
                        + " " + Rows.column(row, "Progress").orElse("?") + "%, connection "
                        + Rows.column(row, "Connection").orElse("?") + ")")
                .toList();
    }

    private static SqlAction read(GcConfig config) {
        return new SqlAction(config.connection(), SqlText.of(READ));
    }

    private static SqlAction set(GcConfig config, boolean enable) {
        return new SqlAction(config.connection(), SqlText.of(enable ? ENABLE : DISABLE));
    }

    private static boolean readState(GcConfig config, StepContext context) {
        SqlResult result = context.actions().sql(read(config));
        Map<String, Object> row = Rows.single(result, READ);
        Object value = Rows.column(row, COLUMN)
                .or(() -> row.values().stream().findFirst())
                .orElseThrow(() -> new StepFailedException(READ + " returned no value"));
        return Rows.bool(value, "tidb_gc_enable");
    }
}
