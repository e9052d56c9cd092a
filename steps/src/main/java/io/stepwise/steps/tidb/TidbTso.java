package io.stepwise.steps.tidb;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.steps.tidb.support.CurrentTso;
import io.stepwise.steps.tidb.support.Tso;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the cluster's current TSO the way the DR guide does: {@code BEGIN; SELECT TIDB_CURRENT_TSO();
 * ROLLBACK} in one session (tidb-tooling.md section 5, "Current TSO"), and converts it to a time.
 */
public final class TidbTso implements StepType<TsoConfig> {
    @Override
    public String name() {
        return "tidb.tso";
    }

    @Override
    public String description() {
        return "Reads the current TSO of a TiDB cluster (BEGIN; SELECT TIDB_CURRENT_TSO(); ROLLBACK) and its time.";
    }

    static final Param<String> CONNECTION = Param.connection("connection").required()
            .description("The TiDB cluster to read the TSO from.").example("primary");

    @Override
    public List<Param<?>> parameters() {
        return List.of(CONNECTION);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("tso", ParamType.INTEGER, "The current TSO."),
                OutputDescriptor.of("tso_time", ParamType.STRING, "Its physical part as an ISO-8601 UTC time."),
                OutputDescriptor.of("physical_ms", ParamType.INTEGER, "Milliseconds since the epoch (tso >> 18)."),
                OutputDescriptor.of("logical", ParamType.INTEGER, "The logical counter (the low 18 bits)."));
    }

    @Override
    public TsoConfig bind(Params params) {
        return new TsoConfig(params.connection(CONNECTION));
    }

    @Override
    public List<Action> plan(TsoConfig config, StepContext context) {
        return List.copyOf(CurrentTso.actions(config.connection()));
    }

    @Override
    public StepResult execute(TsoConfig config, StepContext context) {
        Tso tso = CurrentTso.read(config.connection(), context);
        Map<String, Object> values = new LinkedHashMap<>(tso.describe("tso"));
        values.put("physical_ms", tso.physicalMillis());
        values.put("logical", tso.logical());
        return new StepResult(values);
    }

    @Override
    public Reversibility reversibility(TsoConfig config) {
        return Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public boolean idempotent(TsoConfig config) {
        return true;
    }
}
