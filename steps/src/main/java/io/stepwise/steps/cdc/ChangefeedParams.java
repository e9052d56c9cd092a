package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamDescriptor;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.steps.tidb.support.Binding;
import io.stepwise.steps.tidb.support.Uris;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The parameters of {@code cdc.changefeed}, their binding and the checks across them. */
final class ChangefeedParams {
    /** {@code ValidateChangefeedID}: letters and digits joined by single '-' (tidb-tooling.md 1.2). */
    static final String ID_PATTERN = "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*";
    /** {@code changeFeedIDMaxLen} (tiflow cdc/model/changefeed.go). */
    static final int ID_MAX_LENGTH = 128;

    private ChangefeedParams() {
    }

    static List<Param<?>> descriptors() {
        return List.of(
                ParamDescriptor.of("action", ParamType.STRING).required()
                        .allowed("create", "query", "pause", "resume", "update", "remove", "wait")
                        .description("What to do with the changefeed.").example("create").build(),
                ParamDescriptor.of("via", ParamType.STRING).defaultValue("api").allowed("api", "cli")
                        .description("api: the TiCDC OpenAPI v2; cli: `cdc cli changefeed`.").build(),
                ParamDescriptor.of("server", ParamType.STRING).required()
                        .description("The TiCDC server (any capture; requests go to the owner).")
                        .example("http://127.0.0.1:8300").build(),
                ParamDescriptor.of("changefeed_id", ParamType.STRING).required()
                        .description("Letters and digits joined by single '-' (no '_').")
                        .example("dr-primary-to-secondary").build(),
                ParamDescriptor.of("namespace", ParamType.STRING).description("TiCDC namespace (default: default).").build(),
                ParamDescriptor.of("sink_uri", ParamType.STRING)
                        .description("create/update: the downstream; put the password in sink_password.")
                        .example("mysql://root@127.0.0.1:4001/").build(),
                ParamDescriptor.of("sink_password", ParamType.STRING).secret()
                        .description("The downstream password, put into the sink URI and masked.").build(),
                ParamDescriptor.of("start_ts", ParamType.STRING)
                        .description("create: the first TS replicated; the BackupTS of the full copy, or writes"
                                + " between it and now are lost.").example("${steps.backup.backup_ts}").build(),
                ParamDescriptor.of("target_ts", ParamType.STRING).description("create/update: stop at this TS.").build(),
                ParamDescriptor.of("redo_storage", ParamType.STRING)
                        .description("Redo log storage ([consistent] storage): one prefix per changefeed; secret in"
                                + " redo_secret_access_key.")
                        .example("s3://redo/dr-primary-to-secondary?access-key=minio&endpoint=http://127.0.0.1:6060"
                                + "&force-path-style=true").build(),
                ParamDescriptor.of("redo_secret_access_key", ParamType.STRING).secret()
                        .description("The redo storage's S3 secret key, added to its URI and masked.").build(),
                ParamDescriptor.of("redo_level", ParamType.STRING).defaultValue("eventual").allowed("none", "eventual")
                        .description("[consistent] level when redo_storage is given.").build(),
                ParamDescriptor.of("redo_max_log_size", ParamType.INTEGER)
                        .description("[consistent] max-log-size in MiB (TiCDC default 64).").build(),
                ParamDescriptor.of("redo_flush_interval", ParamType.INTEGER)
                        .description("[consistent] flush-interval in ms (TiCDC default 2000, minimum 50).").build(),
                ParamDescriptor.of("redo_compression", ParamType.STRING).allowed("none", "lz4")
                        .description("[consistent] compression.").build(),
                ParamDescriptor.of("enable_sync_point", ParamType.BOOLEAN)
                        .description("Write syncpoints to the downstream (sync-diff snapshot auto needs them).").build(),
                ParamDescriptor.of("sync_point_interval", ParamType.STRING)
                        .description("Syncpoint interval (default 10m, minimum 30s).").build(),
                ParamDescriptor.of("replica_config", ParamType.MAP)
                        .description("More replica config in the API's snake_case (kebab-case in the CLI's TOML).")
                        .example("{ignore_ineligible_table: true}").build(),
                ParamDescriptor.of("overwrite_checkpoint_ts", ParamType.STRING)
                        .description("resume: restart from this TSO (checked against the GC safepoint).").build(),
                ParamDescriptor.of("wait_for", ParamType.STRING).defaultValue("normal").allowed("normal", "checkpoint")
                        .description("wait: until the state is normal, or until the checkpoint reaches checkpoint_ts.")
                        .build(),
                ParamDescriptor.of("checkpoint_ts", ParamType.STRING)
                        .description("wait_for checkpoint: the TS the checkpoint must reach (>=).").build(),
                ParamDescriptor.of("poll_interval", ParamType.DURATION).defaultValue("5s")
                        .description("wait and pause: time between status reads.").build(),
                ParamDescriptor.of("wait_timeout", ParamType.DURATION).defaultValue("10m")
                        .description("wait and pause: give up after this long.").build(),
                ParamDescriptor.of("redo_applied", ParamType.BOOLEAN).defaultValue(false)
                        .description("remove: confirms this changefeed's redo log was applied (cdc.redo-apply) or is"
                                + " knowingly given up. Removing deletes the redo log, so a redo-enabled changefeed is"
                                + " refused without it.").example("${steps.apply-redo.applied}").build(),
                ParamDescriptor.of("rollback_remove", ParamType.STRING).defaultValue("if-no-redo")
                        .allowed("if-no-redo", "always", "never")
                        .description("The rollback of create: if-no-redo removes it only when it has no redo log (a"
                                + " redo-enabled one is left to a person); always removes it (a setup plan whose"
                                + " primary is alive); never keeps it.").build(),
                ParamDescriptor.of("command", ParamType.STRING_LIST).defaultValue(List.of("cdc"))
                        .description("via cli: the program and its leading arguments, at the cluster's version.")
                        .example("[tiup, 'cdc:v8.5.1']").build(),
                ParamDescriptor.of("user", ParamType.STRING)
                        .description("TiDB user when TiCDC requires one (Basic auth; TICDC_USER for the CLI).").build(),
                ParamDescriptor.of("password", ParamType.STRING).secret()
                        .description("Its password (Basic auth; TICDC_PASSWORD for the CLI).").build(),
                ParamDescriptor.of("upstream", ParamType.CONNECTION)
                        .description("create: the upstream TiDB. Its tables without a primary or not-null unique key"
                                + " are listed first and refused unless replica_config sets ignore_ineligible_table"
                                + " (cdc cli --no-confirm would drop them silently; needed with via: cli); its host is"
                                + " where the redo storage must not be.").example("primary").build(),
                ParamDescriptor.of("allow_redo_on_primary_host", ParamType.BOOLEAN).defaultValue(false)
                        .description("create: allow redo storage on the primary's host (its TiCDC or upstream TiDB),"
                                + " which dies with the primary: for tests on one host only.").build(),
                ParamDescriptor.of("disable_gc_check", ParamType.BOOLEAN)
                        .description("via cli, create: --disable-gc-check. It skips the CLI's own check only: the server"
                                + " still refuses a start_ts at or below the GC safepoint (ErrStartTsBeforeGC).")
                        .build());
    }

    static ChangefeedConfig bind(Params params) {
        Optional<String> sink = params.optionalString("sink_uri");
        if (sink.isPresent() && params.has("sink_password")) {
            sink = Optional.of(Uris.withPassword(sink.get(), params.string("sink_password")));
        }
        Optional<String> redo = params.optionalString("redo_storage");
        if (redo.isPresent() && params.has("redo_secret_access_key")) {
            redo = Optional.of(Uris.withQueryParam(redo.get(), "secret-access-key",
                    params.string("redo_secret_access_key")));
        }
        ChangefeedConfig.Spec spec = new ChangefeedConfig.Spec(sink, Binding.text(params, "start_ts"),
                Binding.text(params, "target_ts"), redo, params.string("redo_level"),
                Binding.integer(params, "redo_max_log_size"), Binding.integer(params, "redo_flush_interval"),
                params.optionalString("redo_compression"), Binding.flag(params, "enable_sync_point"),
                params.optionalString("sync_point_interval"),
                params.has("replica_config") ? params.map("replica_config") : Map.of());
        ChangefeedConfig.Wait wait = new ChangefeedConfig.Wait("checkpoint".equals(params.string("wait_for")),
                Binding.text(params, "checkpoint_ts"), duration(params, "poll_interval", Duration.ofSeconds(5)),
                duration(params, "wait_timeout", Duration.ofMinutes(10)));
        idProblem(params.string("changefeed_id")).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new ChangefeedConfig(enumOf(ChangefeedConfig.Action.class, params.string("action")),
                enumOf(ChangefeedConfig.Via.class, params.string("via")), params.string("server"),
                params.string("changefeed_id"), params.optionalString("namespace"), spec, wait,
                Binding.text(params, "overwrite_checkpoint_ts"),
                Binding.flag(params, "redo_applied").orElse(false),
                enumOf(ChangefeedConfig.RollbackRemove.class, params.string("rollback_remove")),
                params.stringList("command"), params.optionalString("user"), params.optionalString("password"),
                Binding.flag(params, "disable_gc_check"),
                params.has("upstream") ? Optional.of(params.connection("upstream")) : Optional.empty(),
                Binding.flag(params, "allow_redo_on_primary_host").orElse(false));
    }

    /** What is wrong with a changefeed id, as TiCDC's ValidateChangefeedID sees it. */
    static Optional<String> idProblem(String id) {
        if (!id.matches(ID_PATTERN)) {
            return Optional.of("'" + id + "' is not a valid changefeed id");
        }
        if (id.length() > ID_MAX_LENGTH) {
            return Optional.of("the changefeed id is " + id.length() + " characters long; TiCDC takes at most "
                    + ID_MAX_LENGTH);
        }
        return Optional.empty();
    }

    private static Duration duration(Params params, String name, Duration fallback) {
        return params.has(name) ? params.duration(name) : fallback;
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    static void validate(ParamValues params, Problems problems) {
        String action = params.literal("action").map(String::valueOf).orElse("");
        params.literal("changefeed_id").map(String::valueOf).flatMap(ChangefeedParams::idProblem)
                .ifPresent(problem -> problems.add("changefeed_id", problem,
                        "letters and digits joined by single '-', at most " + ID_MAX_LENGTH
                                + " characters, such as dr-primary-to-secondary (no '_')"));
        if ("create".equals(action)) {
            if (!params.has("sink_uri")) {
                problems.add("sink_uri", "create needs sink_uri", "mysql://user@host:port/ with sink_password");
            }
            if (params.literal("via").map("cli"::equals).orElse(false) && !params.has("upstream")) {
                problems.add("upstream", "create through the cli needs upstream",
                        "cdc cli --no-confirm silently leaves out tables without a primary or unique key; name the"
                                + " upstream connection so they are listed first");
            }
            if (!params.has("start_ts")) {
                problems.add("start_ts", "create needs start_ts",
                        "the BackupTS of the full copy: without it TiCDC starts now and the writes in between are lost");
            }
        }
        if ("update".equals(action) && !params.has("sink_uri") && !params.has("target_ts")
                && !params.has("redo_storage") && !params.has("replica_config") && !params.has("enable_sync_point")) {
            problems.add("action", "update changes nothing", "give sink_uri, target_ts, redo_storage or replica_config");
        }
        if ("wait".equals(action) && params.literal("wait_for").map("checkpoint"::equals).orElse(false)
                && !params.has("checkpoint_ts")) {
            problems.add("checkpoint_ts", "wait_for checkpoint needs checkpoint_ts");
        }
        if (params.has("disable_gc_check") && !params.literal("via").map("cli"::equals).orElse(false)) {
            problems.add("disable_gc_check", "disable_gc_check is a cdc cli flag", "set via: cli");
        }
        params.literal("sink_uri").map(String::valueOf).flatMap(Uris::password).ifPresent(p ->
                problems.add("sink_uri", "the sink URI holds a password literally",
                        "drop it from the URI and pass sink_password: ${inputs.<name>} from a secret input"));
        params.literal("redo_storage").map(String::valueOf).ifPresent(uri -> {
            if (Uris.query(uri).keySet().stream().anyMatch(Uris.SECRET_QUERY_KEYS::contains)) {
                problems.add("redo_storage", "the redo storage URI holds a secret literally",
                        "pass redo_secret_access_key: ${inputs.<name>} from a secret input");
            }
        });
    }
}
