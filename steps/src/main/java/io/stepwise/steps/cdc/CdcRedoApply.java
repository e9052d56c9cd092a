package io.stepwise.steps.cdc;

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
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.tidb.support.Tools;
import io.stepwise.steps.tidb.support.Uris;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a changefeed's redo log to the downstream with {@code cdc redo apply} (tidb-tooling.md 3.1,
 * 3.2): after the storage pre-check and (optionally) {@code cdc redo meta}, with a fresh
 * {@code --tmp-dir} and {@code --enable-profiling=false} (the pprof port 6060 is MinIO's in the guide).
 * Replaying is idempotent (safe mode), so the step may run again.
 */
public final class CdcRedoApply implements StepType<RedoApplyConfig> {
    static final String SUCCESS = "Apply redo log successfully";

    @Override
    public String name() {
        return "cdc.redo-apply";
    }

    @Override
    public String description() {
        return "Applies a changefeed's redo log to the downstream (cdc redo apply) so it is consistent at the"
                + " resolved TS.";
    }

    static final Param<String> SINK_URI = Param.string("sink_uri").required()
            .check(uri -> uri.startsWith("mysql://"), "must be a mysql:// URI: cdc redo apply supports the mysql sink"
                    + " scheme only (docs-cn ticdc-sink-to-mysql.md)")
            .check(uri -> Uris.password(uri).isEmpty(), "must not hold a password: pass sink_password: ${inputs.<name>}"
                    + " from a secret input")
            .description("The downstream (mysql scheme only); put the password in sink_password.")
            .example("mysql://root@127.0.0.1:4001/");
    static final Param<String> SINK_PASSWORD = Param.string("sink_password").secret()
            .description("The downstream password, put into the sink URI and masked.");
    static final Param<Long> MEMORY_LIMIT = Param.integer("memory_limit").min(1L)
            .description("--memory-limit in GiB (cdc default 10, capped at 80% of the machine's memory).");
    static final Param<Boolean> READ_META = Param.bool("read_meta").defaultValue(true)
            .description("Run cdc redo meta first, to output the TS the downstream will be consistent at.");
    static final Param<String> FENCED_USER = Param.string("fenced_user")
            .description("The changefeed's sink account, locked by tidb.fence-user: the apply must log in as another"
                    + " one, or it is refused.")
            .example("cdc_sink");
    static final Param<String> TICDC_URL = Param.string("ticdc_url")
            .description("The old TiCDC server: refuse while it still answers, since its changefeed could resume"
                    + " writing to the downstream.")
            .example("http://127.0.0.1:8300");

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> list = new ArrayList<>(Redo.sourceParams());
        list.addAll(List.of(SINK_URI, SINK_PASSWORD, MEMORY_LIMIT, READ_META, FENCED_USER, TICDC_URL));
        return list;
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("applied", ParamType.BOOLEAN, "True once cdc printed \"" + SUCCESS + "\"; a"
                        + " cdc.changefeed remove takes it as redo_applied."),
                OutputDescriptor.of("checkpoint_ts", ParamType.INTEGER, "The redo checkpoint TS (read_meta)."),
                OutputDescriptor.of("resolved_ts", ParamType.INTEGER, "The TS the downstream is consistent at"
                        + " (read_meta)."));
    }

    /** The apply logs in as another account than the fenced one. */
    @Override
    public void validate(ParamValues params, Problems problems) {
        params.literal(SINK_URI).filter(uri -> uri.startsWith("mysql://")).map(CdcRedoApply::sinkUser).ifPresent(user ->
                params.literal(FENCED_USER).filter(user::equals).ifPresent(fenced -> problems.add(SINK_URI.name(),
                        "the sink URI logs in as '" + user + "', the fenced account",
                        "apply the redo log with another account (fenced_user is locked by tidb.fence-user)")));
    }

    @Override
    public RedoApplyConfig bind(Params params) {
        String sink = params.find(SINK_PASSWORD).map(password -> Uris.withPassword(params.get(SINK_URI), password))
                .orElse(params.get(SINK_URI));
        return new RedoApplyConfig(Redo.bindSource(params), sink, params.find(MEMORY_LIMIT), params.get(READ_META),
                params.find(TICDC_URL));
    }

    static String sinkUser(String sink) {
        String rest = sink.substring(sink.indexOf("://") + 3);
        int at = rest.indexOf('@');
        return at < 0 ? "" : java.net.URLDecoder.decode(rest.substring(0, at).split(":", 2)[0],
                java.nio.charset.StandardCharsets.UTF_8);
    }

    static ExecAction applyExec(RedoApplyConfig config, Path tmpDir) {
        List<String> args = new ArrayList<>(List.of("redo", "apply", Tools.flag("storage", config.source().storage()),
                Tools.flag("tmp-dir", tmpDir), Tools.flag("sink-uri", config.sinkUri()), "--enable-profiling=false"));
        config.memoryLimit().ifPresent(v -> args.add(Tools.flag("memory-limit", v)));
        return ExecAction.of(Tools.argv(config.source().command(), args));
    }

    static HttpAction liveness(String ticdcUrl) {
        String base = ticdcUrl.endsWith("/") ? ticdcUrl.substring(0, ticdcUrl.length() - 1) : ticdcUrl;
        return new HttpAction("GET", base + "/status", Map.of(), Optional.empty(), Optional.of(Duration.ofSeconds(5)));
    }

    private static void secrets(RedoApplyConfig config, StepContext context) {
        Uris.markSecrets(config.source().storage(), context);
        Uris.markSecrets(config.sinkUri(), context);
    }

    @Override
    public List<Action> plan(RedoApplyConfig config, StepContext context) {
        secrets(config, context);
        List<Action> actions = new ArrayList<>();
        config.ticdcUrl().ifPresent(url -> {
            actions.add(liveness(url));
            actions.add(new NoteAction("refuse when the old TiCDC still answers: stop it first"));
        });
        actions.add(Redo.precheckNote(config.source()));
        if (config.readMeta()) {
            actions.add(Redo.metaExec(config.source(), Redo.plannedTmpDir(config.source(), context, "meta-tmp")));
        }
        actions.add(applyExec(config, Redo.plannedTmpDir(config.source(), context, "apply-tmp")));
        return actions;
    }

    @Override
    public StepResult execute(RedoApplyConfig config, StepContext context) {
        secrets(config, context);
        config.ticdcUrl().ifPresent(url -> refuseWhileAlive(url, context));
        Redo.precheck(config.source(), context);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("applied", false);
        if (config.readMeta()) {
            values.putAll(Redo.readMeta(config.source(), context));
            context.progress("applying redo log up to resolved-ts " + values.get("resolved_ts"));
        }
        Path tmp = Redo.freshTmpDir(config.source(), context, "apply-tmp");
        ExecResult result = context.actions().exec(applyExec(config, tmp));
        String output = result.stdout() + "\n" + result.stderr();
        if (result.exitCode() != 0) {
            throw Tools.failure(context, "cdc redo apply", result, Redo.hint(output));
        }
        if (!output.contains(SUCCESS)) {
            throw new StepFailedException("cdc redo apply exited 0 without \"" + SUCCESS + "\": "
                    + Tools.tail(context.mask(output), 10), "check the cdc version; its log is in the run directory");
        }
        values.put("applied", true);
        return new StepResult(values);
    }

    private static void refuseWhileAlive(String url, StepContext context) {
        int status;
        try {
            status = context.actions().http(liveness(url)).status();
        } catch (StepFailedException e) {
            return;
        }
        throw new StepFailedException("TiCDC at " + url + " still answers (HTTP " + status + "); its changefeed could"
                + " resume writing to the downstream while the redo log is applied",
                "stop the old TiCDC processes first (the docs' precondition for redo apply)");
    }

    @Override
    public Reversibility reversibility(RedoApplyConfig config) {
        return Reversibility.NEEDS_PERSON;
    }

    @Override
    public boolean idempotent(RedoApplyConfig config) {
        return true;
    }
}
