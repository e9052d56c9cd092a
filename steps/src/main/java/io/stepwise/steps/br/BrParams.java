package io.stepwise.steps.br;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamDescriptor;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.steps.tidb.support.Binding;
import io.stepwise.steps.tidb.support.Uris;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The parameters both BR step types declare, their binding and the checks across them. */
final class BrParams {
    private BrParams() {
    }

    static List<Param<?>> common(String direction) {
        boolean backup = "backup".equals(direction);
        List<Param<?>> list = new ArrayList<>();
        list.add(ParamDescriptor.of("mode", ParamType.STRING).defaultValue("sql").allowed("sql", "cli")
                .description("sql runs " + (backup ? "BACKUP" : "RESTORE") + " on a TiDB server (the statement blocks"
                        + " until BR is done); cli runs `br " + direction + "`.").build());
        list.add(ParamDescriptor.of("connection", ParamType.CONNECTION)
                .description("sql mode: the TiDB server that runs the statement.").example("primary").build());
        list.add(ParamDescriptor.of("pd", ParamType.STRING)
                .description("cli mode: the PD address (--pd).").example("127.0.0.1:2379").build());
        list.add(ParamDescriptor.of("command", ParamType.STRING_LIST).defaultValue(List.of("br"))
                .description("cli mode: the program and its leading arguments; keep BR at the cluster's version.")
                .example("[tiup, 'br:v8.5.1']").build());
        list.add(ParamDescriptor.of("databases", ParamType.STRING_LIST)
                .description("Only these databases (default: every database, DATABASE *).").example("[test]").build());
        list.add(ParamDescriptor.of("tables", ParamType.STRING_LIST)
                .description("Only these tables, as db.table (not together with databases).")
                .example("[test.sbtest1]").build());
        list.add(ParamDescriptor.of("storage", ParamType.STRING).required()
                .description("The backup storage URI. Use a fresh prefix per backup; put the secret in"
                        + " secret_access_key, not here. MinIO: endpoint with its scheme and force-path-style=true.")
                .example("s3://backup/dr-2024-05-01?access-key=minio&endpoint=http://127.0.0.1:6060"
                        + "&force-path-style=true").build());
        list.add(ParamDescriptor.of("secret_access_key", ParamType.STRING).secret()
                .description("The S3 secret key, added to the storage URI as secret-access-key and masked.")
                .example("${inputs.s3_secret_key}").build());
        list.add(ParamDescriptor.of("rate_limit", ParamType.INTEGER)
                .description("MB/s per TiKV: RATE_LIMIT = N MB/SECOND, or --ratelimit.").example("120").build());
        list.add(ParamDescriptor.of("concurrency", ParamType.INTEGER)
                .description("CONCURRENCY / --concurrency.").build());
        list.add(ParamDescriptor.of("checksum", ParamType.BOOLEAN)
                .description("CHECKSUM / --checksum (BR's default when absent).").build());
        list.add(ParamDescriptor.of("checksum_concurrency", ParamType.INTEGER)
                .description("CHECKSUM_CONCURRENCY / --checksum-concurrency.").build());
        list.add(ParamDescriptor.of("send_credentials_to_tikv", ParamType.BOOLEAN)
                .description("SEND_CREDENTIALS_TO_TIKV / --send-credentials-to-tikv; false when TiKV uses its own"
                        + " IAM role. Not a URI key.").build());
        list.add(ParamDescriptor.of("extra_args", ParamType.STRING_LIST)
                .description("cli mode: more flags, such as --ca, --cert, --key, --log-file.").build());
        list.add(ParamDescriptor.of("progress_interval", ParamType.DURATION).defaultValue("5s")
                .description("sql mode: how often SHOW " + (backup ? "BACKUPS" : "RESTORES")
                        + " is read on a second connection while the statement blocks.").build());
        return list;
    }

    static BrOptions bind(Params params) {
        BrOptions.Mode mode = BrOptions.Mode.valueOf(params.string("mode").toUpperCase(Locale.ROOT));
        String storage = params.string("storage");
        Optional<String> secret = params.optionalString("secret_access_key");
        if (secret.isPresent()) {
            storage = Uris.withQueryParam(storage, "secret-access-key", secret.get());
        }
        if (mode == BrOptions.Mode.SQL && !params.has("connection")) {
            throw new IllegalArgumentException("mode sql needs a connection");
        }
        if (mode == BrOptions.Mode.CLI && !params.has("pd")) {
            throw new IllegalArgumentException("mode cli needs pd");
        }
        return new BrOptions(mode,
                params.has("connection") ? Optional.of(params.connection("connection")) : Optional.empty(),
                params.optionalString("pd"), params.stringList("command"),
                Binding.list(params, "databases"), Binding.list(params, "tables"), storage,
                Binding.integer(params, "rate_limit"), Binding.integer(params, "concurrency"),
                Binding.flag(params, "checksum"), Binding.integer(params, "checksum_concurrency"),
                Binding.flag(params, "send_credentials_to_tikv"), Binding.list(params, "extra_args"),
                params.has("progress_interval") ? params.duration("progress_interval") : Duration.ofSeconds(5));
    }

    /** Checks across parameters; sqlOnly and cliOnly name the parameters only one mode takes. */
    static void validate(ParamValues params, Problems problems, List<String> sqlOnly, List<String> cliOnly) {
        String mode = params.literal("mode").map(String::valueOf).orElse(params.isExpression("mode") ? "" : "sql");
        if ("sql".equals(mode) && !params.has("connection")) {
            problems.add("connection", "mode sql needs a connection", "name a mysql connection to a TiDB server");
        }
        if ("cli".equals(mode) && !params.has("pd")) {
            problems.add("pd", "mode cli needs pd", "pd: 127.0.0.1:2379");
        }
        if (params.has("databases") && params.has("tables")) {
            problems.add("tables", "give databases or tables, not both");
        }
        for (String name : "sql".equals(mode) ? cliOnly : "cli".equals(mode) ? sqlOnly : List.<String>of()) {
            if (params.has(name)) {
                problems.add(name, name + " applies to mode " + ("sql".equals(mode) ? "cli" : "sql") + " only");
            }
        }
        params.literal("storage").map(String::valueOf).ifPresent(uri -> {
            if (Uris.query(uri).keySet().stream().anyMatch(Uris.SECRET_QUERY_KEYS::contains)) {
                problems.add("storage", "the storage URI holds a secret literally",
                        "drop it from the URI and pass secret_access_key: ${inputs.<name>} from a secret input");
            }
        });
    }
}
