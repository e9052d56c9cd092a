package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.steps.tidb.support.Tso;
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

    static final Param<String> ACTION = Param.string(Param.ACTION).required()
            .allowed("create", "query", "pause", "resume", "update", "remove", "wait")
            .description("What to do with the changefeed.").example("create");
    static final Param<String> VIA = Param.string("via").defaultValue("api").allowed("api", "cli")
            .description("api: the TiCDC OpenAPI v2; cli: `cdc cli changefeed`.");
    static final Param<String> SERVER = Param.string("server").required()
            .description("The TiCDC server (any capture; requests go to the owner).").example("http://127.0.0.1:8300");
    static final Param<String> CHANGEFEED_ID = Param.string("changefeed_id").required()
            .check(id -> id.matches(ID_PATTERN), "must be letters and digits joined by single '-' (no '_'), such as"
                    + " dr-primary-to-secondary")
            .check(id -> id.length() <= ID_MAX_LENGTH, "must be at most " + ID_MAX_LENGTH + " characters long")
            .description("Letters and digits joined by single '-' (no '_'), at most " + ID_MAX_LENGTH + " characters.")
            .example("dr-primary-to-secondary");
    static final Param<String> NAMESPACE = Param.string("namespace").description("TiCDC namespace (default: default).");
    static final Param<String> SINK_URI = Param.string("sink_uri").onlyFor("create", "update")
            .check(uri -> Uris.password(uri).isEmpty(), "must not hold a password: drop it from the URI and pass"
                    + " sink_password: ${inputs.<name>} from a secret input")
            .description("create (required) and update: the downstream; put the password in sink_password.")
            .example("mysql://root@127.0.0.1:4001/");
    static final Param<String> SINK_PASSWORD = Param.string("sink_password").secret().onlyFor("create", "update")
            .description("The downstream password, put into the sink URI and masked.");
    static final Param<Long> START_TS = Tso.param("start_ts").required().onlyFor("create")
            .description("create: the first TS replicated, such as ${steps.backup.backup_ts}: the BackupTS of the full"
                    + " copy, or writes between it and now are lost.");
    static final Param<Long> TARGET_TS = Tso.param("target_ts").onlyFor("create", "update")
            .description("create/update: stop at this TS.");
    static final Param<String> REDO_STORAGE = Param.string("redo_storage").onlyFor("create", "update")
            .check(uri -> Uris.query(uri).keySet().stream().noneMatch(Uris.SECRET_QUERY_KEYS::contains),
                    "must not hold a secret: pass redo_secret_access_key: ${inputs.<name>} from a secret input")
            .description("Redo log storage ([consistent] storage): one prefix per changefeed; secret in"
                    + " redo_secret_access_key.")
            .example("s3://redo/dr-primary-to-secondary?access-key=minio&endpoint=http://127.0.0.1:6060"
                    + "&force-path-style=true");
    static final Param<String> REDO_SECRET_ACCESS_KEY = Param.string("redo_secret_access_key").secret()
            .onlyFor("create", "update").description("The redo storage's S3 secret key, added to its URI and masked.");
    static final Param<String> REDO_LEVEL = Param.string("redo_level").defaultValue("eventual")
            .allowed("none", "eventual").onlyFor("create", "update")
            .description("[consistent] level when redo_storage is given.");
    static final Param<Long> REDO_MAX_LOG_SIZE = Param.integer("redo_max_log_size").min(1L).onlyFor("create", "update")
            .description("[consistent] max-log-size in MiB (TiCDC default 64; the docs recommend at most 128).");
    static final Param<Long> REDO_FLUSH_INTERVAL = Param.integer("redo_flush_interval").min(50L)
            .onlyFor("create", "update").description("[consistent] flush-interval in ms (TiCDC default 2000, minimum 50).");
    static final Param<String> REDO_COMPRESSION = Param.string("redo_compression").allowed("none", "lz4")
            .onlyFor("create", "update").description("[consistent] compression.");
    static final Param<Boolean> ENABLE_SYNC_POINT = Param.bool("enable_sync_point").onlyFor("create", "update")
            .description("Write syncpoints to the downstream (sync-diff snapshot auto needs them).");
    static final Param<String> SYNC_POINT_INTERVAL = Param.string("sync_point_interval").onlyFor("create", "update")
            .description("Syncpoint interval, as TiCDC reads it (default 10m, minimum 30s).");
    static final Param<Map<String, Object>> REPLICA_CONFIG = Param.map("replica_config").onlyFor("create", "update")
            .description("More replica config in the API's snake_case (kebab-case in the CLI's TOML).")
            .example(Map.of("ignore_ineligible_table", true));
    static final Param<Long> OVERWRITE_CHECKPOINT_TS = Tso.param("overwrite_checkpoint_ts").onlyFor("resume")
            .description("resume: restart from this TSO (checked against the GC safepoint).");
    static final Param<String> WAIT_FOR = Param.string("wait_for").defaultValue("normal").allowed("normal", "checkpoint")
            .onlyFor("wait").description("wait: until the state is normal, or until the checkpoint reaches checkpoint_ts.");
    static final Param<Long> CHECKPOINT_TS = Tso.param("checkpoint_ts").onlyFor("wait")
            .description("wait_for checkpoint: the TS the checkpoint must reach (>=), such as"
                    + " ${steps.backup.backup_ts + 1}.");
    static final Param<Duration> POLL_INTERVAL = Param.duration("poll_interval").defaultValue(Duration.ofSeconds(5))
            .min(Duration.ofMillis(10)).onlyFor("wait", "pause").description("wait and pause: time between status reads.");
    static final Param<Duration> WAIT_TIMEOUT = Param.duration("wait_timeout").defaultValue(Duration.ofMinutes(10))
            .min(Duration.ZERO).onlyFor("wait", "pause").description("wait and pause: give up after this long.");
    /**
     * Its example is the normal path: a plan passes {@code ${steps.<apply>.applied}}, true once the
     * redo log was applied, so a dry-run (which cannot know it) shows the remove, not a refusal.
     */
    static final Param<Boolean> REDO_APPLIED = Param.bool("redo_applied").defaultValue(false).example(true)
            .onlyFor("remove")
            .description("remove: confirms this changefeed's redo log was applied (cdc.redo-apply: pass"
                    + " ${steps.<apply step>.applied}) or is knowingly given up. Removing deletes the redo log, so a"
                    + " redo-enabled changefeed is refused without it.");
    static final Param<String> ROLLBACK_REMOVE = Param.string("rollback_remove").defaultValue("if-no-redo")
            .allowed("if-no-redo", "always", "never").onlyFor("create")
            .description("The rollback of create: if-no-redo removes it only when it has no redo log (a redo-enabled"
                    + " one is left to a person); always removes it (a setup plan whose primary is alive); never keeps"
                    + " it.");
    static final Param<List<String>> COMMAND = Param.stringList("command").defaultValue(List.of("cdc"))
            .description("via cli: the program and its leading arguments, at the cluster's version.")
            .example(List.of("tiup", "cdc:v8.5.1"));
    static final Param<String> USER = Param.string("user")
            .description("TiDB user when TiCDC requires one (Basic auth; TICDC_USER for the CLI).");
    static final Param<String> PASSWORD = Param.string("password").secret()
            .description("Its password (Basic auth; TICDC_PASSWORD for the CLI).");
    static final Param<String> UPSTREAM = Param.connection("upstream").onlyFor("create")
            .description("create: the upstream TiDB. Its tables without a primary or not-null unique key are listed"
                    + " first and refused unless replica_config sets ignore_ineligible_table (cdc cli --no-confirm would"
                    + " drop them silently; needed with via: cli); its host is where the redo storage must not be.")
            .example("primary");
    static final Param<Boolean> ALLOW_REDO_ON_PRIMARY_HOST = Param.bool("allow_redo_on_primary_host")
            .defaultValue(false).onlyFor("create")
            .description("create: allow redo storage on the primary's host (its TiCDC or upstream TiDB), which dies"
                    + " with the primary: for tests on one host only.");
    static final Param<Boolean> DISABLE_GC_CHECK = Param.bool("disable_gc_check").onlyFor("create")
            .description("via cli, create: --disable-gc-check. It skips the CLI's own check only: the server still"
                    + " refuses a start_ts at or below the GC safepoint (ErrStartTsBeforeGC).");

    private ChangefeedParams() {
    }

    static List<Param<?>> descriptors() {
        return List.of(ACTION, VIA, SERVER, CHANGEFEED_ID, NAMESPACE, SINK_URI, SINK_PASSWORD, START_TS, TARGET_TS,
                REDO_STORAGE, REDO_SECRET_ACCESS_KEY, REDO_LEVEL, REDO_MAX_LOG_SIZE, REDO_FLUSH_INTERVAL,
                REDO_COMPRESSION, ENABLE_SYNC_POINT, SYNC_POINT_INTERVAL, REPLICA_CONFIG, OVERWRITE_CHECKPOINT_TS,
                WAIT_FOR, CHECKPOINT_TS, POLL_INTERVAL, WAIT_TIMEOUT, REDO_APPLIED, ROLLBACK_REMOVE, COMMAND, USER,
                PASSWORD, UPSTREAM, ALLOW_REDO_ON_PRIMARY_HOST, DISABLE_GC_CHECK);
    }

    static ChangefeedConfig bind(Params params) {
        Optional<String> sink = params.find(SINK_URI).map(uri -> params.find(SINK_PASSWORD)
                .map(password -> Uris.withPassword(uri, password)).orElse(uri));
        Optional<String> redo = params.find(REDO_STORAGE).map(uri -> params.find(REDO_SECRET_ACCESS_KEY)
                .map(secret -> Uris.withQueryParam(uri, "secret-access-key", secret)).orElse(uri));
        ChangefeedConfig.Spec spec = new ChangefeedConfig.Spec(sink, params.find(START_TS), params.find(TARGET_TS),
                redo, params.get(REDO_LEVEL), params.find(REDO_MAX_LOG_SIZE), params.find(REDO_FLUSH_INTERVAL),
                params.find(REDO_COMPRESSION), params.find(ENABLE_SYNC_POINT), params.find(SYNC_POINT_INTERVAL),
                params.find(REPLICA_CONFIG).orElse(Map.of()));
        ChangefeedConfig.Wait wait = new ChangefeedConfig.Wait("checkpoint".equals(params.get(WAIT_FOR)),
                params.find(CHECKPOINT_TS), params.get(POLL_INTERVAL), params.get(WAIT_TIMEOUT));
        return new ChangefeedConfig(enumOf(ChangefeedConfig.Action.class, params.get(ACTION)),
                enumOf(ChangefeedConfig.Via.class, params.get(VIA)), params.get(SERVER), params.get(CHANGEFEED_ID),
                params.find(NAMESPACE), spec, wait, params.find(OVERWRITE_CHECKPOINT_TS), params.get(REDO_APPLIED),
                enumOf(ChangefeedConfig.RollbackRemove.class, params.get(ROLLBACK_REMOVE)), params.get(COMMAND),
                params.find(USER), params.find(PASSWORD), params.find(DISABLE_GC_CHECK),
                params.find(UPSTREAM).map(name -> params.connection(UPSTREAM)), params.get(ALLOW_REDO_ON_PRIMARY_HOST));
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Checks across parameters; each value's own rules are in the declarations. */
    static void validate(ParamValues params, Problems problems) {
        String action = params.literal(ACTION).orElse("");
        boolean viaCli = params.literal(VIA).map("cli"::equals).orElse(false);
        if ("create".equals(action)) {
            if (!params.has(SINK_URI)) {
                problems.add(SINK_URI.name(), "create needs sink_uri", "mysql://user@host:port/ with sink_password");
            }
            if (viaCli && !params.has(UPSTREAM)) {
                problems.add(UPSTREAM.name(), "create through the cli needs upstream",
                        "cdc cli --no-confirm silently leaves out tables without a primary or unique key; name the"
                                + " upstream connection so they are listed first");
            }
        }
        if ("update".equals(action) && !params.has(SINK_URI) && !params.has(TARGET_TS) && !params.has(REDO_STORAGE)
                && !params.has(REPLICA_CONFIG) && !params.has(ENABLE_SYNC_POINT)) {
            problems.add(ACTION.name(), "update changes nothing",
                    "give sink_uri, target_ts, redo_storage, enable_sync_point or replica_config");
        }
        if ("wait".equals(action) && params.literal(WAIT_FOR).map("checkpoint"::equals).orElse(false)
                && !params.has(CHECKPOINT_TS)) {
            problems.add(CHECKPOINT_TS.name(), "wait_for checkpoint needs checkpoint_ts");
        }
        if (params.has(DISABLE_GC_CHECK) && !viaCli && !params.isExpression(VIA)) {
            problems.add(DISABLE_GC_CHECK.name(), "disable_gc_check is a cdc cli flag", "set via: cli");
        }
    }
}
