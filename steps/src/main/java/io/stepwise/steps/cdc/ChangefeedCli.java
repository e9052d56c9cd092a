package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.FileAction;
import io.stepwise.steps.support.Json;
import io.stepwise.steps.tidb.support.Toml;
import io.stepwise.steps.tidb.support.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cdc cli changefeed ...} (tidb-tooling.md 2.1-2.4): always {@code --server} (never the silent
 * 127.0.0.1:8300 default) and {@code --changefeed-id}; create also {@code --start-ts} and
 * {@code --no-confirm} (without it an EOF on stdin aborts and still exits 0); the changefeed TOML
 * in kebab-case; credentials through TICDC_USER / TICDC_PASSWORD, not argv.
 */
final class ChangefeedCli implements ChangefeedClient {
    static final String CREATED = "Create changefeed successfully!";
    static final String UPDATED = "Update changefeed config successfully!";
    static final String UNCHANGED = "changefeed config is the same with the old one, do nothing";
    private final ChangefeedConfig config;
    private final StepContext context;

    ChangefeedCli(ChangefeedConfig config, StepContext context) {
        this.config = config;
        this.context = context;
    }

    Path tomlPath() {
        return context.runDir().resolve("changefeed-" + config.changefeedId() + ".toml");
    }

    /** The changefeed TOML: the replica config with keys in kebab-case, {@code [consistent]} for redo. */
    static String toml(ChangefeedConfig.Spec spec) {
        return Toml.write(kebab(ChangefeedApi.replicaConfig(spec)));
    }

    /** Keys in kebab-case at every depth, inside arrays of tables too (sink.dispatchers, filter.event-filters). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> kebab(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.replace('_', '-'), kebabValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object kebabValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return kebab((Map<String, Object>) m);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ChangefeedCli::kebabValue).toList();
        }
        return value;
    }

    private List<String> base(String subcommand) {
        List<String> args = new ArrayList<>(List.of("cli", "changefeed", subcommand,
                Tools.flag("server", config.server()), Tools.flag("changefeed-id", config.changefeedId())));
        config.namespace().ifPresent(ns -> args.add(Tools.flag("namespace", ns)));
        return args;
    }

    private ExecAction exec(List<String> args) {
        Map<String, String> env = new LinkedHashMap<>();
        config.user().ifPresent(u -> env.put("TICDC_USER", u));
        config.password().ifPresent(p -> env.put("TICDC_PASSWORD", p));
        return new ExecAction(Tools.argv(config.command(), args), env, Optional.empty(), Optional.empty(),
                Optional.of(ChangefeedApi.TIMEOUT.multipliedBy(2)));
    }

    ExecAction createExec() {
        List<String> args = base("create");
        args.add(Tools.flag("sink-uri", config.spec().sinkUri().orElse("")));
        args.add(Tools.flag("start-ts", config.spec().startTs().orElseThrow()));
        config.spec().targetTs().ifPresent(ts -> args.add(Tools.flag("target-ts", ts)));
        if (config.spec().hasReplicaConfig()) {
            args.add(Tools.flag("config", tomlPath()));
        }
        config.disableGcCheck().filter(Boolean::booleanValue).ifPresent(v -> args.add("--disable-gc-check"));
        args.add("--no-confirm");
        return exec(args);
    }

    ExecAction queryExec(boolean simple) {
        List<String> args = base("query");
        if (simple) {
            args.add("--simple");
        }
        return exec(args);
    }

    ExecAction pauseExec() {
        return exec(base("pause"));
    }

    ExecAction resumeExec() {
        List<String> args = base("resume");
        config.overwriteCheckpointTs().ifPresent(ts -> args.add(Tools.flag("overwrite-checkpoint-ts", ts)));
        args.add("--no-confirm");
        return exec(args);
    }

    ExecAction updateExec() {
        List<String> args = base("update");
        config.spec().sinkUri().ifPresent(uri -> args.add(Tools.flag("sink-uri", uri)));
        config.spec().targetTs().ifPresent(ts -> args.add(Tools.flag("target-ts", ts)));
        if (config.spec().hasReplicaConfig()) {
            args.add(Tools.flag("config", tomlPath()));
        }
        args.add("--no-confirm");
        return exec(args);
    }

    ExecAction removeExec() {
        return exec(base("remove"));
    }

    FileAction tomlFile() {
        return new FileAction(tomlPath(), toml(config.spec()), "toml");
    }

    @Override
    public List<Action> plan(ChangefeedConfig.Action action) {
        List<Action> actions = new ArrayList<>();
        boolean writesToml = (action == ChangefeedConfig.Action.CREATE || action == ChangefeedConfig.Action.UPDATE)
                && config.spec().hasReplicaConfig();
        if (writesToml) {
            actions.add(tomlFile());
        }
        switch (action) {
            case CREATE -> actions.addAll(List.of(createExec(), queryExec(false)));
            case QUERY -> actions.add(queryExec(false));
            case PAUSE -> actions.addAll(List.of(pauseExec(), queryExec(true)));
            case RESUME -> actions.add(resumeExec());
            case UPDATE -> actions.addAll(List.of(queryExec(true), updateExec()));
            case REMOVE -> actions.addAll(List.of(queryExec(false), removeExec(), queryExec(true)));
            case WAIT -> actions.add(queryExec(true));
            default -> throw new IllegalStateException(String.valueOf(action));
        }
        return actions;
    }

    private ExecResult run(ExecAction action, String what) {
        ExecResult result = context.actions().exec(action);
        if (result.exitCode() != 0) {
            String output = result.stderr() + "\n" + result.stdout();
            throw Tools.failure(context, what, result, Tools.errorCode(output).flatMap(CdcErrors::hint).orElse(null));
        }
        return result;
    }

    private String what(String verb) {
        return "cdc cli changefeed " + verb + " (changefeed '" + config.changefeedId() + "')";
    }

    @Override
    public ChangefeedState create() {
        if (config.spec().hasReplicaConfig()) {
            context.actions().write(tomlFile());
        }
        ExecResult result = run(createExec(), what("create"));
        if (!result.stdout().contains(CREATED)) {
            throw new StepFailedException("cdc cli changefeed create exited 0 without \"" + CREATED + "\": "
                    + Tools.tail(context.mask(result.stdout() + "\n" + result.stderr()), 10),
                    "it may have aborted at a prompt; run the step again, it passes --no-confirm");
        }
        return find().orElseThrow(() -> new StepFailedException("cdc cli reported the changefeed created, but query"
                + " does not find it"));
    }

    @Override
    public Optional<ChangefeedState> find() {
        ExecResult result = context.actions().exec(queryExec(false));
        String output = result.stderr() + "\n" + result.stdout();
        if (result.exitCode() != 0 && output.contains("ErrChangeFeedNotExists")) {
            return Optional.empty();
        }
        if (result.exitCode() != 0) {
            throw Tools.failure(context, what("query"), result, Tools.errorCode(output).flatMap(CdcErrors::hint)
                    .orElse(null));
        }
        return Optional.of(parse(result.stdout()));
    }

    @Override
    public ChangefeedState status() {
        return parse(run(queryExec(true), what("query --simple")).stdout());
    }

    private ChangefeedState parse(String stdout) {
        int start = stdout.indexOf('{');
        if (start < 0) {
            throw new StepFailedException("cdc cli changefeed query printed no JSON: " + Tools.tail(context.mask(stdout), 5));
        }
        try {
            return ChangefeedState.from(config.changefeedId(), Json.object(stdout.substring(start)));
        } catch (IllegalArgumentException e) {
            throw new StepFailedException("cannot read cdc cli changefeed query output: " + e.getMessage());
        }
    }

    @Override
    public void pause() {
        run(pauseExec(), what("pause"));
    }

    @Override
    public void resume() {
        run(resumeExec(), what("resume"));
    }

    @Override
    public ChangefeedState update() {
        if (config.spec().hasReplicaConfig()) {
            context.actions().write(tomlFile());
        }
        ExecResult result = run(updateExec(), what("update"));
        if (!result.stdout().contains(UPDATED) && !result.stdout().contains(UNCHANGED)) {
            throw new StepFailedException("cdc cli changefeed update exited 0 without \"" + UPDATED + "\": "
                    + Tools.tail(context.mask(result.stdout()), 10), "it may have aborted at a prompt");
        }
        return status();
    }

    @Override
    public void remove() {
        run(removeExec(), what("remove"));
    }
}
