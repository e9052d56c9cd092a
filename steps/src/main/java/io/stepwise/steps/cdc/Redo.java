package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.tidb.support.StorageListing;
import io.stepwise.steps.tidb.support.Tools;
import io.stepwise.steps.tidb.support.Tso;
import io.stepwise.steps.tidb.support.Uris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code cdc.redo-meta} and {@code cdc.redo-apply} share (tidb-tooling.md section 3): the
 * parameters, the storage pre-check, a fresh {@code --tmp-dir} (the reader deletes it first), and
 * {@code cdc redo meta} with its {@code checkpoint-ts:<n>, resolved-ts:<n>} line.
 */
final class Redo {
    static final Pattern META_LINE = Pattern.compile("checkpoint-ts:\\s*(\\d+),\\s*resolved-ts:\\s*(\\d+)");

    private Redo() {
    }

    static final Param<String> STORAGE = Param.string("storage").required()
            .check(uri -> Uris.query(uri).keySet().stream().noneMatch(Uris.SECRET_QUERY_KEYS::contains),
                    "must not hold a secret: drop it from the URI and pass secret_access_key: ${inputs.<name>} from a"
                            + " secret input")
            .description("The redo storage, the changefeed's [consistent] storage; secret in secret_access_key.")
            .example("s3://redo/dr-primary-to-secondary?access-key=minio&endpoint=http://127.0.0.1:6060"
                    + "&force-path-style=true");
    static final Param<String> SECRET_ACCESS_KEY = Param.string("secret_access_key").secret()
            .description("The S3 secret key, added to the storage URI and masked.");
    static final Param<String> CHANGEFEED_ID = Param.string("changefeed_id").required()
            .check(id -> id.matches(ChangefeedParams.ID_PATTERN), "must be letters and digits joined by single '-'"
                    + " (no '_'), as TiCDC names changefeeds")
            .description("The changefeed whose meta and log files must be in the storage.")
            .example("dr-primary-to-secondary");
    static final Param<String> NAMESPACE = Param.string("namespace").defaultValue("default")
            .description("The changefeed's TiCDC namespace.");
    static final Param<String> TMP_DIR = Param.string("tmp_dir")
            .description("Download dir (--tmp-dir); cdc deletes it first, so it must not exist or be empty. Default: a"
                    + " fresh dir in the run directory.");
    static final Param<List<String>> COMMAND = Param.stringList("command").defaultValue(List.of("cdc"))
            .description("The cdc program and its leading arguments, at the cluster's version.")
            .example(List.of("tiup", "cdc:v8.5.1"));

    static List<Param<?>> sourceParams() {
        return List.of(STORAGE, SECRET_ACCESS_KEY, CHANGEFEED_ID, NAMESPACE, TMP_DIR, COMMAND);
    }

    static RedoSource bindSource(Params params) {
        String storage = params.find(SECRET_ACCESS_KEY)
                .map(secret -> Uris.withQueryParam(params.get(STORAGE), "secret-access-key", secret))
                .orElse(params.get(STORAGE));
        return new RedoSource(storage, params.get(CHANGEFEED_ID), Optional.of(params.get(NAMESPACE)),
                params.find(TMP_DIR), params.get(COMMAND));
    }

    /** The tmp dir shown in dry-run: the one given, or where the fresh one will be. */
    static Path plannedTmpDir(RedoSource source, StepContext context, String purpose) {
        return source.tmpDir().map(Path::of)
                .orElse(context.runDir().resolve("redo-" + source.changefeedId() + "-" + purpose));
    }

    /** A dir cdc may wipe: the one given if it is absent or empty, else a new one beside the planned path. */
    static Path freshTmpDir(RedoSource source, StepContext context, String purpose) {
        Path planned = plannedTmpDir(source, context, purpose);
        if (source.tmpDir().isPresent()) {
            if (Files.exists(planned) && !isEmptyDir(planned)) {
                throw new StepFailedException("tmp_dir " + planned + " is not empty; cdc redo deletes it before"
                        + " reading", "give a new, throw-away directory, or leave tmp_dir out");
            }
            return planned;
        }
        Path dir = planned;
        for (int i = 2; Files.exists(dir); i++) {
            dir = planned.resolveSibling(planned.getFileName() + "-" + i);
        }
        return dir;
    }

    private static boolean isEmptyDir(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static ExecAction metaExec(RedoSource source, Path tmpDir) {
        return ExecAction.of(Tools.argv(source.command(), List.of("redo", "meta",
                Tools.flag("storage", source.storage()), Tools.flag("tmp-dir", tmpDir))));
    }

    static NoteAction precheckNote(RedoSource source) {
        return new NoteAction("check that " + Uris.stripQuery(source.storage()) + " holds, listed recursively as cdc"
                + " redo reads it, .meta files of changefeed '" + source.changefeedId() + "' only (none in"
                + " sub-folders), .log files named _" + source.changefeedId() + "_, and no delete_ marker");
    }

    /**
     * The pre-check of tidb-tooling.md 3.3: meta files (all of this changefeed: metas are merged
     * across the prefix), log files naming the changefeed, no deletion marker.
     */
    /** Returns this changefeed's log file names (empty when the storage cannot be listed from here). */
    static List<String> precheck(RedoSource source, StepContext context) {
        Optional<List<String>> listed = StorageListing.listRecursive(source.storage());
        if (listed.isEmpty()) {
            context.say("could not list " + Uris.stripQuery(source.storage()) + " from here; cdc redo meta will"
                    + " fail with ErrRedoMetaFileNotFound if it holds no meta");
            return List.of();
        }
        List<String> paths = listed.get();
        List<String> names = paths.stream().filter(p -> !p.contains("/")).toList();
        String id = source.changefeedId();
        String ns = source.namespace().orElse("default");
        if (names.contains("delete_" + id) || names.contains("delete_" + ns + "_" + id)) {
            throw new StepFailedException("the redo log of changefeed '" + id + "' was deleted (a delete_ marker is"
                    + " in " + Uris.stripQuery(source.storage()) + "): the changefeed was removed",
                    "nothing is left to apply; check the downstream against the upstream backup instead");
        }
        List<String> metas = names.stream().filter(n -> n.endsWith(".meta")).toList();
        List<String> logs = names.stream().filter(n -> n.endsWith(".log") && n.contains("_" + id + "_")).toList();
        // cdc redo walks the prefix recursively and merges every .meta (largest wins): this changefeed's
        // own metas sit at the root; any other, in a sub-folder too, poisons the apply
        List<String> foreign = paths.stream().filter(p -> p.endsWith(".meta"))
                .filter(p -> p.contains("/") || !p.contains("_" + id + "_meta_")).toList();
        if (!foreign.isEmpty()) {
            throw new StepFailedException("the redo storage also holds meta files of other changefeeds: " + foreign,
                    "cdc redo reads every .meta under the prefix, sub-folders included, and merges them; give each"
                            + " changefeed its own redo prefix, none inside another's");
        }
        if (metas.isEmpty() || logs.isEmpty()) {
            throw new StepFailedException("the redo storage " + Uris.stripQuery(source.storage()) + " holds "
                    + metas.size() + " meta and " + logs.size() + " log file(s) of changefeed '" + id + "'",
                    "check the storage URI and the changefeed id; the changefeed's [consistent] storage is the one");
        }
        context.progress("redo storage holds " + metas.size() + " meta and " + logs.size() + " log file(s) of " + id);
        return logs;
    }

    /** {@code <capture>_[<ns>_]<changefeed>_<row|ddl>_<maxCommitTs>_<uuid>.log} (tidb-tooling.md 3.3). */
    static final Pattern LOG_NAME = Pattern.compile("_(?:row|ddl)_(\\d+)_[^_/]+\\.log$");

    /** The largest commit TS the redo log files name: the last upstream commit the redo log knows of. */
    static Optional<Long> maxCommitTs(List<String> logs) {
        return logs.stream().map(LOG_NAME::matcher).filter(Matcher::find).map(m -> Long.parseLong(m.group(1)))
                .max(Long::compare);
    }

    /** Runs {@code cdc redo meta} and reads its line. */
    static Map<String, Object> readMeta(RedoSource source, StepContext context) {
        ExecResult result = context.actions().exec(metaExec(source, freshTmpDir(source, context, "meta-tmp")));
        String output = result.stdout() + "\n" + result.stderr();
        if (result.exitCode() != 0) {
            throw Tools.failure(context, "cdc redo meta", result, hint(output));
        }
        Matcher m = META_LINE.matcher(output);
        if (!m.find()) {
            throw new StepFailedException("cdc redo meta printed no 'checkpoint-ts:<n>, resolved-ts:<n>' line: "
                    + Tools.tail(context.mask(output), 5));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.putAll(Tso.parse("checkpoint-ts", m.group(1)).describe("checkpoint_ts"));
        values.putAll(Tso.parse("resolved-ts", m.group(2)).describe("resolved_ts"));
        return values;
    }

    static String hint(String output) {
        if (output.contains("ErrRedoMetaFileNotFound")) {
            return "no redo meta in the storage: check the URI; a removed changefeed's redo log is deleted";
        }
        if (output.contains("ErrConsistentStorage")) {
            return "unsupported storage scheme: use s3, gcs, azblob, file, nfs or local";
        }
        if (output.contains("ErrStorageInitialize")) {
            return "cannot open the storage: check the endpoint (with its scheme), credentials and bucket";
        }
        if (output.contains("address already in use") || output.contains(":6060")) {
            return "the pprof port 6060 is taken (MinIO in the guide listens there); this step passes"
                    + " --enable-profiling=false";
        }
        return null;
    }
}
