package io.stepwise.steps.cdc;

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

    private ChangefeedParams() {
    }

    static List<ParamDescriptor> descriptors() {
        return List.of(
                ParamDescriptor.of("action", ParamType.STRING).required()
                        .allowed("create", "query", "pause", "resume", "update", "remove", "wait")
                        .description("What to do with the changefeed.").example("create").build(),
                ParamDescriptor.of("via", ParamType.STRING).defaultValue("api").allowed("api", "cli")
                        .description("api: the TiCDC OpenAPI v2; cli: `cdc cli changefeed`.").build(),
                ParamDescriptor.of("server", ParamType.STRING).required()
                        .description("The TiCDC server (any capture; requests go to the owner).")
                        .example("http://127.0.0.1:8300").build(),
                ParamDescriptor.of("changefeed-id", ParamType.STRING).required()
                        .description("Letters and digits joined by single '-' (no '_').")
                        .example("dr-primary-to-secondary").build(),
                ParamDescriptor.of("namespace", ParamType.STRING).description("TiCDC namespace (default: default).").build(),
                ParamDescriptor.of("sink-uri", ParamType.STRING)
                        .description("create/update: the downstream; put the password in sink-password.")
                        .example("mysql://root@127.0.0.1:4001/").build(),
                ParamDescriptor.of("sink-password", ParamType.STRING).secret()
                        .description("The downstream password, put into the sink URI and masked.").build(),
                ParamDescriptor.of("start-ts", ParamType.STRING)
                        .description("create: the first TS replicated; the BackupTS of the full copy, or writes"
                                + " between it and now are lost.").example("${steps.backup.backup_ts}").build(),
                ParamDescriptor.of("target-ts", ParamType.STRING).description("create/update: stop at this TS.").build(),
                ParamDescriptor.of("redo-storage", ParamType.STRING)
                        .description("Redo log storage ([consistent] storage): one prefix per changefeed; secret in"
                                + " redo-secret-access-key.")
                        .example("s3://redo/dr-primary-to-secondary?access-key=minio&endpoint=http://127.0.0.1:6060"
                                + "&force-path-style=true").build(),
                ParamDescriptor.of("redo-secret-access-key", ParamType.STRING).secret()
                        .description("The redo storage's S3 secret key, added to its URI and masked.").build(),
                ParamDescriptor.of("redo-level", ParamType.STRING).defaultValue("eventual").allowed("none", "eventual")
                        .description("[consistent] level when redo-storage is given.").build(),
                ParamDescriptor.of("redo-max-log-size", ParamType.INTEGER)
                        .description("[consistent] max-log-size in MiB (TiCDC default 64).").build(),
                ParamDescriptor.of("redo-flush-interval", ParamType.INTEGER)
                        .description("[consistent] flush-interval in ms (TiCDC default 2000, minimum 50).").build(),
                ParamDescriptor.of("redo-compression", ParamType.STRING).allowed("none", "lz4")
                        .description("[consistent] compression.").build(),
                ParamDescriptor.of("enable-sync-point", ParamType.BOOLEAN)
                        .description("Write syncpoints to the downstream (sync-diff snapshot auto needs them).").build(),
                ParamDescriptor.of("sync-point-interval", ParamType.STRING)
                        .description("Syncpoint interval (default 10m, minimum 30s).").build(),
                ParamDescriptor.of("replica-config", ParamType.MAP)
                        .description("More replica config in the API's snake_case (kebab-case in the CLI's TOML).")
                        .example("{ignore_ineligible_table: true}").build(),
                ParamDescriptor.of("overwrite-checkpoint-ts", ParamType.STRING)
                        .description("resume: restart from this TSO (checked against the GC safepoint).").build(),
                ParamDescriptor.of("wait-for", ParamType.STRING).defaultValue("normal").allowed("normal", "checkpoint")
                        .description("wait: until the state is normal, or until the checkpoint reaches checkpoint-ts.")
                        .build(),
                ParamDescriptor.of("checkpoint-ts", ParamType.STRING)
                        .description("wait-for checkpoint: the TS the checkpoint must reach (>=).").build(),
                ParamDescriptor.of("poll-interval", ParamType.DURATION).defaultValue("5s")
                        .description("wait and pause: time between status reads.").build(),
                ParamDescriptor.of("wait-timeout", ParamType.DURATION).defaultValue("10m")
                        .description("wait and pause: give up after this long.").build(),
                ParamDescriptor.of("redo-applied", ParamType.BOOLEAN).defaultValue(false)
                        .description("remove: confirms this changefeed's redo log was applied (cdc.redo-apply) or is"
                                + " knowingly given up. Removing deletes the redo log, so a redo-enabled changefeed is"
                                + " refused without it.").example("${steps.apply-redo.applied}").build(),
                ParamDescriptor.of("rollback-remove", ParamType.STRING).defaultValue("if-no-redo")
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
                ParamDescriptor.of("disable-gc-check", ParamType.BOOLEAN)
                        .description("via cli, create: --disable-gc-check.").build());
    }

    static ChangefeedConfig bind(Params params) {
        Optional<String> sink = params.optionalString("sink-uri");
        if (sink.isPresent() && params.has("sink-password")) {
            sink = Optional.of(Uris.withPassword(sink.get(), params.string("sink-password")));
        }
        Optional<String> redo = params.optionalString("redo-storage");
        if (redo.isPresent() && params.has("redo-secret-access-key")) {
            redo = Optional.of(Uris.withQueryParam(redo.get(), "secret-access-key",
                    params.string("redo-secret-access-key")));
        }
        ChangefeedConfig.Spec spec = new ChangefeedConfig.Spec(sink, Binding.text(params, "start-ts"),
                Binding.text(params, "target-ts"), redo, params.string("redo-level"),
                Binding.integer(params, "redo-max-log-size"), Binding.integer(params, "redo-flush-interval"),
                params.optionalString("redo-compression"), Binding.flag(params, "enable-sync-point"),
                params.optionalString("sync-point-interval"),
                params.has("replica-config") ? params.map("replica-config") : Map.of());
        ChangefeedConfig.Wait wait = new ChangefeedConfig.Wait("checkpoint".equals(params.string("wait-for")),
                Binding.text(params, "checkpoint-ts"), duration(params, "poll-interval", Duration.ofSeconds(5)),
                duration(params, "wait-timeout", Duration.ofMinutes(10)));
        return new ChangefeedConfig(enumOf(ChangefeedConfig.Action.class, params.string("action")),
                enumOf(ChangefeedConfig.Via.class, params.string("via")), params.string("server"),
                params.string("changefeed-id"), params.optionalString("namespace"), spec, wait,
                Binding.text(params, "overwrite-checkpoint-ts"),
                Binding.flag(params, "redo-applied").orElse(false),
                enumOf(ChangefeedConfig.RollbackRemove.class, params.string("rollback-remove")),
                params.stringList("command"), params.optionalString("user"), params.optionalString("password"),
                Binding.flag(params, "disable-gc-check"));
    }

    private static Duration duration(Params params, String name, Duration fallback) {
        return params.has(name) ? params.duration(name) : fallback;
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    static void validate(ParamValues params, Problems problems) {
        String action = params.literal("action").map(String::valueOf).orElse("");
        params.literal("changefeed-id").map(String::valueOf).ifPresent(id -> {
            if (!id.matches(ID_PATTERN)) {
                problems.add("changefeed-id", "'" + id + "' is not a valid changefeed id",
                        "letters and digits joined by single '-', such as dr-primary-to-secondary (no '_')");
            }
        });
        if ("create".equals(action)) {
            if (!params.has("sink-uri")) {
                problems.add("sink-uri", "create needs sink-uri", "mysql://user@host:port/ with sink-password");
            }
            if (!params.has("start-ts")) {
                problems.add("start-ts", "create needs start-ts",
                        "the BackupTS of the full copy: without it TiCDC starts now and the writes in between are lost");
            }
        }
        if ("update".equals(action) && !params.has("sink-uri") && !params.has("target-ts")
                && !params.has("redo-storage") && !params.has("replica-config") && !params.has("enable-sync-point")) {
            problems.add("action", "update changes nothing", "give sink-uri, target-ts, redo-storage or replica-config");
        }
        if ("wait".equals(action) && params.literal("wait-for").map("checkpoint"::equals).orElse(false)
                && !params.has("checkpoint-ts")) {
            problems.add("checkpoint-ts", "wait-for checkpoint needs checkpoint-ts");
        }
        if (params.has("disable-gc-check") && !params.literal("via").map("cli"::equals).orElse(false)) {
            problems.add("disable-gc-check", "disable-gc-check is a cdc cli flag", "set via: cli");
        }
        params.literal("sink-uri").map(String::valueOf).flatMap(Uris::password).ifPresent(p ->
                problems.add("sink-uri", "the sink URI holds a password literally",
                        "drop it from the URI and pass sink-password: ${inputs.<name>} from a secret input"));
        params.literal("redo-storage").map(String::valueOf).ifPresent(uri -> {
            if (Uris.query(uri).keySet().stream().anyMatch(Uris.SECRET_QUERY_KEYS::contains)) {
                problems.add("redo-storage", "the redo storage URI holds a secret literally",
                        "pass redo-secret-access-key: ${inputs.<name>} from a secret input");
            }
        });
    }
}
