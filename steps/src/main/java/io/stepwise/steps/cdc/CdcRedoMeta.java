package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.steps.tidb.support.Uris;
import java.time.Duration;
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

    /**
     * Text, not an integer: a plan passes an input whose empty default means "not known" (failover.yaml).
     * Empty means absent; anything else must be a TSO.
     */
    static final Param<String> LAST_COMMIT_TS = Param.string("last_commit_ts")
            .check(ts -> ts.isBlank() || isTso(ts.trim()),
                    "must be a TSO (a whole number of 18 or 19 digits, such as 431434047157698561) or empty")
            .description("The last upstream commit known (a TSO, from monitoring or the application); empty or absent:"
                    + " the largest commit TS the redo log's file names carry.");
    static final Param<Duration> MAX_RPO = Param.duration("max_rpo").min(Duration.ZERO)
            .description("Fail when the RPO (last_commit_ts minus the redo log's resolved-ts) is larger.")
            .example(Duration.ofMinutes(5));

    /** 18 or 19 digits that fit a TSO (a signed 64-bit number). */
    static boolean isTso(String text) {
        return text.matches("\\d{18}") || text.matches("\\d{19}") && text.compareTo(Long.toString(Long.MAX_VALUE)) <= 0;
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> list = new java.util.ArrayList<>(Redo.sourceParams());
        list.add(LAST_COMMIT_TS);
        list.add(MAX_RPO);
        return list;
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("checkpoint_ts", ParamType.INTEGER, "The redo log's checkpoint TS."),
                OutputDescriptor.of("checkpoint_ts_time", ParamType.STRING, "The checkpoint TS as a UTC time."),
                OutputDescriptor.of("resolved_ts", ParamType.INTEGER, "The redo log's resolved TS: after redo apply the"
                        + " downstream is consistent at it."),
                OutputDescriptor.of("resolved_ts_time", ParamType.STRING, "The resolved TS as a UTC time."),
                OutputDescriptor.of("max_commit_ts", ParamType.INTEGER, "The largest commit TS in the redo log's file"
                        + " names, when the storage can be listed."),
                OutputDescriptor.of("last_commit_ts", ParamType.INTEGER, "The last upstream commit the RPO is"
                        + " measured to (last_commit_ts, else max_commit_ts)."),
                OutputDescriptor.of("rpo_seconds", ParamType.NUMBER, "Seconds of upstream commits after the resolved"
                        + " TS, which redo apply cannot bring (0 when none are known)."));
    }

    @Override
    public RedoMetaConfig bind(Params params) {
        return new RedoMetaConfig(Redo.bindSource(params),
                params.find(LAST_COMMIT_TS).map(String::trim).filter(t -> !t.isEmpty()),
                params.find(MAX_RPO));
    }

    @Override
    public List<Action> plan(RedoMetaConfig config, StepContext context) {
        Uris.markSecrets(config.source().storage(), context);
        return List.of(Redo.precheckNote(config.source()),
                Redo.metaExec(config.source(), Redo.plannedTmpDir(config.source(), context, "meta-tmp")),
                new io.stepwise.engine.spi.action.NoteAction("RPO = " + config.lastCommitTs().map(t -> "last_commit_ts "
                        + t).orElse("the largest commit TS in the log file names") + " minus resolved-ts"
                        + config.maxRpo().map(d -> "; fail when above " + d.toSeconds() + "s").orElse("")));
    }

    @Override
    public StepResult execute(RedoMetaConfig config, StepContext context) {
        Uris.markSecrets(config.source().storage(), context);
        List<String> logs = Redo.precheck(config.source(), context);
        java.util.Map<String, Object> values = Redo.readMeta(config.source(), context);
        java.util.Optional<Long> maxCommit = Redo.maxCommitTs(logs);
        values.put("max_commit_ts", maxCommit.orElse(null));
        // the declaration has checked it is a TSO
        java.util.Optional<Long> last = config.lastCommitTs().map(Long::parseLong).or(() -> maxCommit);
        long resolved = (Long) values.get("resolved_ts");
        double rpo = last.map(l -> Math.max(0L, (l >>> 18) - (resolved >>> 18)) / 1000.0).orElse(0.0);
        values.put("last_commit_ts", last.orElse(null));
        values.put("rpo_seconds", rpo);
        context.say("RPO: " + rpo + "s (resolved-ts " + resolved + " against " + last.map(String::valueOf)
                .orElse("no known later commit") + ")");
        config.maxRpo().ifPresent(bound -> {
            if (rpo * 1000 > bound.toMillis()) {
                throw new io.stepwise.engine.spi.StepFailedException("the RPO is " + rpo + "s: upstream commits up to "
                        + last.orElseThrow() + " are after the redo log's resolved-ts " + resolved + ", more than"
                        + " max_rpo " + bound.toSeconds() + "s", "decide by hand whether to fail over with this loss;"
                        + " raise max_rpo to accept it");
            }
        });
        return new StepResult(values);
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
