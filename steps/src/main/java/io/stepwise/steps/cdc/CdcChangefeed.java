package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.ProbeOutcome;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.tidb.support.Uris;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One action on a TiCDC changefeed (tidb-tooling.md sections 1-3). Removing a changefeed deletes its
 * redo log, so remove refuses a redo-enabled changefeed unless the plan says {@code redo_applied: true},
 * and the rollback of create follows {@code rollback_remove}.
 */
public final class CdcChangefeed implements StepType<ChangefeedConfig> {
    @Override
    public String name() {
        return "cdc.changefeed";
    }

    @Override
    public String description() {
        return "Creates, queries, pauses, resumes, updates, removes or waits for a TiCDC changefeed (OpenAPI v2 or"
                + " cdc cli).";
    }

    @Override
    public List<Param<?>> parameters() {
        return ChangefeedParams.descriptors();
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("changefeed_id", ParamType.STRING, "The changefeed id."),
                OutputDescriptor.of("state", ParamType.STRING, "normal, warning, stopped, failed, finished, removed."),
                OutputDescriptor.of("checkpoint_ts", ParamType.INTEGER, "Everything before it is in the downstream."),
                OutputDescriptor.of("checkpoint_time", ParamType.STRING, "The checkpoint as TiCDC formats it."),
                OutputDescriptor.of("resolved_ts", ParamType.INTEGER, "The resolved TS, where reported."),
                OutputDescriptor.of("error", ParamType.STRING, "The changefeed's error, where reported."),
                OutputDescriptor.of("existed", ParamType.BOOLEAN, "remove: whether there was a changefeed to remove."),
                OutputDescriptor.of("ineligible_tables", ParamType.LIST, "create: the upstream tables left out"
                        + " (ignore_ineligible_table), as db.table."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        ChangefeedParams.validate(params, problems);
    }

    @Override
    public ChangefeedConfig bind(Params params) {
        return ChangefeedParams.bind(params);
    }

    static ChangefeedClient client(ChangefeedConfig config, StepContext context) {
        secrets(config, context);
        return config.via() == ChangefeedConfig.Via.API ? new ChangefeedApi(config, context)
                : new ChangefeedCli(config, context);
    }

    static void secrets(ChangefeedConfig config, StepContext context) {
        config.spec().sinkUri().ifPresent(uri -> Uris.markSecrets(uri, context));
        config.spec().redoStorage().ifPresent(uri -> Uris.markSecrets(uri, context));
        config.password().ifPresent(p -> Uris.markSecret(p, context));
    }

    @Override
    public List<Action> plan(ChangefeedConfig config, StepContext context) {
        List<Action> actions = new ArrayList<>();
        if (config.action() == ChangefeedConfig.Action.CREATE) {
            config.spec().redoStorage().flatMap(r -> CreateGuards.redoHost(r, config.server())).ifPresent(h ->
                    actions.add(new NoteAction("refuse when the redo storage's host " + h + " is the primary's ("
                            + CreateGuards.host(config.server()).orElse("?") + config.upstream().map(c -> ", "
                            + c.string("host", "127.0.0.1")).orElse("") + ")" + (config.allowRedoOnPrimaryHost()
                            ? ": allowed (allow_redo_on_primary_host)" : ""))));
            config.upstream().ifPresent(up -> {
                actions.add(CreateGuards.ineligibleQuery(up));
                actions.add(new NoteAction(config.spec().ignoresIneligible()
                        ? "the tables listed are not replicated (ignore_ineligible_table): say which"
                        : "refuse when the query lists any table (TiCDC cannot replicate it)"));
            });
        }
        actions.addAll(client(config, context).plan(config.action()));
        switch (config.action()) {
            case PAUSE -> actions.add(new NoteAction("repeat the status read until the state is stopped (every "
                    + config.waiting().pollInterval().toSeconds() + "s, at most " + config.waiting().timeout().toSeconds() + "s)"));
            case UPDATE -> actions.add(1, new NoteAction("refuse unless the state is stopped or failed (pause first)"));
            case REMOVE -> actions.add(1, new NoteAction(config.redoApplied()
                    ? "redo_applied: true, so remove even when redo is enabled (its redo log is deleted)"
                    : "refuse when the changefeed has redo enabled (consistent.level eventual): removing deletes its"
                            + " redo log"));
            case WAIT -> actions.add(new NoteAction("repeat until " + target(config) + " (every "
                    + config.waiting().pollInterval().toSeconds() + "s, at most " + config.waiting().timeout().toSeconds()
                    + "s); fail at once on failed or removed"));
            default -> { }
        }
        return actions;
    }

    private static String target(ChangefeedConfig config) {
        return config.waiting().forCheckpoint()
                ? "the checkpoint reaches " + config.waiting().checkpointTs().map(String::valueOf).orElse("?") : "the state is normal";
    }

    @Override
    public StepResult execute(ChangefeedConfig config, StepContext context) {
        ChangefeedClient client = client(config, context);
        return switch (config.action()) {
            case CREATE -> {
                CreateGuards.checkRedoHost(config, context);
                List<String> ineligible = CreateGuards.checkIneligible(config, context);
                yield result(client.create(), Map.of("ineligible_tables", ineligible));
            }
            case QUERY -> result(client.find().orElseThrow(() -> notFound(config)), Map.of());
            case PAUSE -> {
                client.pause();
                yield result(Waiting.until(config, context, client, "stopped"), Map.of());
            }
            case RESUME -> {
                client.resume();
                yield result(client.status(), Map.of());
            }
            case UPDATE -> {
                ChangefeedState before = client.status();
                if (!List.of("stopped", "failed").contains(before.state())) {
                    throw new StepFailedException("changefeed '" + config.changefeedId() + "' is " + before.state()
                            + "; TiCDC refuses to update it (ErrChangefeedUpdateRefused)",
                            "pause it first (cdc.changefeed action: pause), update, then resume");
                }
                yield result(client.update(), Map.of());
            }
            case REMOVE -> remove(config, context, client);
            case WAIT -> result(Waiting.until(config, context, client, null), Map.of());
        };
    }

    private static StepFailedException notFound(ChangefeedConfig config) {
        return new StepFailedException("changefeed '" + config.changefeedId() + "' does not exist at " + config.server()
                + " (CDC:ErrChangeFeedNotExists)", CdcErrors.hint("CDC:ErrChangeFeedNotExists").orElseThrow());
    }

    private static StepResult remove(ChangefeedConfig config, StepContext context, ChangefeedClient client) {
        Optional<ChangefeedState> found = client.find();
        if (found.isEmpty()) {
            context.say("changefeed '" + config.changefeedId() + "' does not exist; nothing to remove");
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("changefeed_id", config.changefeedId());
            values.put("state", "absent");
            values.put("existed", false);
            return new StepResult(values);
        }
        guardRedo(config, found.get());
        client.remove();
        Optional<ChangefeedState> after = client.find();
        if (after.isPresent() && !"removed".equals(after.get().state())) {
            throw new StepFailedException("changefeed '" + config.changefeedId() + "' is still "
                    + after.get().state() + " after remove", "query it again in a moment; TiCDC may be slow to act");
        }
        return result(found.get(), Map.of("state", "removed", "existed", true));
    }

    /** Refuses to delete a redo log that may still be needed (tidb-tooling.md 3.3, 8.2). */
    static void guardRedo(ChangefeedConfig config, ChangefeedState state) {
        boolean redoKnownOff = state.redoLevel().map("none"::equals).orElse(false);
        if (!redoKnownOff && !config.redoApplied()) {
            throw new StepFailedException("changefeed '" + config.changefeedId() + "' has "
                    + state.redoLevel().map(l -> "redo level " + l).orElse("an unknown redo level")
                    + "; removing it deletes its redo log, which a failover still needs",
                    "apply the redo log first (cdc.redo-apply), then remove with redo_applied:"
                            + " ${steps.<apply step>.applied}; set redo_applied: true only to give the redo log up");
        }
    }

    private static StepResult result(ChangefeedState state, Map<String, Object> overrides) {
        Map<String, Object> values = state.toValues();
        values.putAll(overrides);
        return new StepResult(values);
    }

    @Override
    public Reversibility reversibility(ChangefeedConfig config) {
        return switch (config.action()) {
            case QUERY, WAIT -> Reversibility.NOTHING_TO_UNDO;
            case PAUSE -> Reversibility.SELF;
            case CREATE -> removesOnRollback(config) ? Reversibility.SELF : Reversibility.NEEDS_PERSON;
            default -> Reversibility.NEEDS_PERSON;
        };
    }

    static boolean removesOnRollback(ChangefeedConfig config) {
        return switch (config.rollbackRemove()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case IF_NO_REDO -> !config.spec().redoEnabled();
        };
    }

    @Override
    public List<Action> planRollback(ChangefeedConfig config, StepResult result, StepContext context) {
        ChangefeedClient client = client(config, context);
        if (config.action() == ChangefeedConfig.Action.PAUSE) {
            return client.plan(ChangefeedConfig.Action.RESUME);
        }
        if (config.action() == ChangefeedConfig.Action.CREATE && removesOnRollback(config)) {
            List<Action> actions = new ArrayList<>(client.plan(ChangefeedConfig.Action.REMOVE));
            actions.removeIf(a -> a instanceof NoteAction);
            return actions;
        }
        return List.of();
    }

    @Override
    public void rollback(ChangefeedConfig config, StepResult result, StepContext context) {
        ChangefeedClient client = client(config, context);
        if (config.action() == ChangefeedConfig.Action.PAUSE) {
            client.resume();
        } else if (config.action() == ChangefeedConfig.Action.CREATE && removesOnRollback(config)) {
            if (client.find().isPresent()) {
                client.remove();
            }
        }
    }

    @Override
    public boolean idempotent(ChangefeedConfig config) {
        return config.action() != ChangefeedConfig.Action.CREATE && config.action() != ChangefeedConfig.Action.UPDATE;
    }

    /** After a crash during create: the changefeed exists (done, with its state) or not (run again). */
    @Override
    public ProbeOutcome probe(ChangefeedConfig config, StepContext context) {
        if (config.action() != ChangefeedConfig.Action.CREATE) {
            return ProbeOutcome.UNSUPPORTED;
        }
        Optional<ChangefeedState> found = client(config, context).find();
        if (found.isEmpty()) {
            return ProbeOutcome.notDone("changefeed '" + config.changefeedId() + "' does not exist");
        }
        Optional<Long> start = config.spec().startTs();
        return ProbeOutcome.done(result(found.get(), Map.of()), "changefeed '" + config.changefeedId() + "' exists ("
                + found.get().state() + ")" + start.map(s -> "; its start_ts was " + s)
                .orElse(""));
    }
}
