package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.ParamDescriptor;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.steps.tidb.support.Uris;
import java.util.List;

/**
 * Reads a redo log's checkpoint and resolved TS with {@code cdc redo meta} (tidb-tooling.md 3.1),
 * after checking that the storage holds this changefeed's meta and log files.
 */
public final class CdcRedoMeta implements StepType<RedoMetaConfig> {
    @Override
    public String name() {
        return "cdc.redo-meta";
    }

    @Override
    public String description() {
        return "Checks a changefeed's redo storage and reads its checkpoint and resolved TS (cdc redo meta).";
    }

    @Override
    public List<ParamDescriptor> parameters() {
        return Redo.sourceParams();
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("checkpoint_ts", ParamType.INTEGER, "The redo log's checkpoint TS."),
                OutputDescriptor.of("checkpoint_ts_time", ParamType.STRING, "The checkpoint TS as a UTC time."),
                OutputDescriptor.of("resolved_ts", ParamType.INTEGER, "The redo log's resolved TS: after redo apply the"
                        + " downstream is consistent at it."),
                OutputDescriptor.of("resolved_ts_time", ParamType.STRING, "The resolved TS as a UTC time."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        Redo.validateSource(params, problems);
    }

    @Override
    public RedoMetaConfig bind(Params params) {
        return new RedoMetaConfig(Redo.bindSource(params));
    }

    @Override
    public List<Action> plan(RedoMetaConfig config, StepContext context) {
        Uris.markSecrets(config.source().storage(), context);
        return List.of(Redo.precheckNote(config.source()),
                Redo.metaExec(config.source(), Redo.plannedTmpDir(config.source(), context, "meta-tmp")));
    }

    @Override
    public StepResult execute(RedoMetaConfig config, StepContext context) {
        Uris.markSecrets(config.source().storage(), context);
        Redo.precheck(config.source(), context);
        return new StepResult(Redo.readMeta(config.source(), context));
    }

    @Override
    public Reversibility reversibility(RedoMetaConfig config) {
        return Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public boolean idempotent(RedoMetaConfig config) {
        return true;
    }
}
