package io.stepwise.steps.tidb;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.ParamDescriptor;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Disables or enables TiDB GC ({@code SET GLOBAL tidb_gc_enable}) and reads the variable back
 * (tidb-tooling.md section 5). Outputs the state before, so the rollback of a disable restores it:
 * GC that was on is switched on again; GC that was already off is left off.
 */
public final class TidbGc implements StepType<GcConfig> {
    static final String READ = "SELECT @@global.tidb_gc_enable";
    static final String DISABLE = "SET GLOBAL tidb_gc_enable = OFF";
    static final String ENABLE = "SET GLOBAL tidb_gc_enable = ON";
    static final String COLUMN = "@@global.tidb_gc_enable";

    @Override
    public String name() {
        return "tidb.gc";
    }

    @Override
    public String description() {
        return "Disables or enables TiDB GC (tidb_gc_enable) and verifies it by reading the variable back.";
    }

    @Override
    public List<ParamDescriptor> parameters() {
        return List.of(
                ParamDescriptor.of("connection", ParamType.CONNECTION).required()
                        .description("The TiDB cluster (a mysql connection to any TiDB server of it).")
                        .example("primary").build(),
                ParamDescriptor.of("action", ParamType.STRING).required().allowed("disable", "enable")
                        .description("disable before BACKUP so nothing after BackupTS is collected; enable once the"
                                + " changefeed holds the GC safepoint (its state is normal).")
                        .example("disable").build());
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("previous_enabled", ParamType.BOOLEAN, "Whether GC was enabled before this step."),
                OutputDescriptor.of("enabled", ParamType.BOOLEAN, "Whether GC is enabled now, as read back."));
    }

    @Override
    public GcConfig bind(Params params) {
        return new GcConfig(params.connection("connection"), "enable".equals(params.string("action")));
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
        return List.of(set(config, true), read(config));
    }

    @Override
    public void rollback(GcConfig config, StepResult result, StepContext context) {
        if (config.enable() || Boolean.FALSE.equals(result.values().get("previous_enabled"))) {
            return;
        }
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
