package io.stepwise.steps.br;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.steps.tidb.support.Uris;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The parameters both BR step types declare, their binding and the checks across them. */
final class BrParams {
    static final Param<String> MODE = Param.string("mode").defaultValue("sql").allowed("sql", "cli")
            .description("sql runs BACKUP or RESTORE on a TiDB server (the statement blocks until BR is done); cli runs"
                    + " `br backup` or `br restore`.");
    static final Param<String> CONNECTION = Param.connection("connection")
            .description("sql mode: the TiDB server that runs the statement.").example("primary");
    static final Param<String> PD = Param.string("pd")
            .description("cli mode: the PD address (--pd).").example("127.0.0.1:2379");
    static final Param<List<String>> COMMAND = Param.stringList("command").defaultValue(List.of("br"))
            .description("cli mode: the program and its leading arguments; keep BR at the cluster's version.")
            .example(List.of("tiup", "br:v8.5.1"));
    static final Param<List<String>> DATABASES = Param.stringList("databases")
            .description("Only these databases (default: every database, DATABASE *).").example(List.of("test"));
    static final Param<List<String>> TABLES = Param.stringList("tables")
            .check(tables -> tables.stream().allMatch(t -> t.matches("[^.]+\\.[^.]+")),
                    "must name each table as db.table")
            .description("Only these tables, as db.table (not together with databases).")
            .example(List.of("test.sbtest1"));
    static final Param<String> STORAGE = Param.string("storage").required()
            .check(uri -> Uris.query(uri).keySet().stream().noneMatch(Uris.SECRET_QUERY_KEYS::contains),
                    "must not hold a secret: drop it from the URI and pass secret_access_key: ${inputs.<name>} from a"
                            + " secret input")
            .description("The backup storage URI. Use a fresh prefix per backup; put the secret in secret_access_key,"
                    + " not here. MinIO: endpoint with its scheme and force-path-style=true.")
            .example("s3://backup/dr-2024-05-01?access-key=minio&endpoint=http://127.0.0.1:6060&force-path-style=true");
    static final Param<String> SECRET_ACCESS_KEY = Param.string("secret_access_key").secret()
            .description("The S3 secret key, added to the storage URI as secret-access-key and masked.")
            .example("${inputs.s3_secret_key}");
    static final Param<Long> RATE_LIMIT = Param.integer("rate_limit").min(1L)
            .description("MB/s per TiKV: RATE_LIMIT = N MB/SECOND, or --ratelimit. BR then backs up with concurrency"
                    + " 1, which lengthens the GC-off window.")
            .example(120L);
    static final Param<Long> CONCURRENCY = Param.integer("concurrency").min(1L)
            .description("CONCURRENCY / --concurrency (BR's default 4).");
    static final Param<Boolean> CHECKSUM = Param.bool("checksum")
            .description("CHECKSUM / --checksum (BR's default when absent).");
    static final Param<Long> CHECKSUM_CONCURRENCY = Param.integer("checksum_concurrency").min(1L)
            .description("CHECKSUM_CONCURRENCY / --checksum-concurrency (BR's default 4).");
    static final Param<Boolean> SEND_CREDENTIALS_TO_TIKV = Param.bool("send_credentials_to_tikv")
            .description("SEND_CREDENTIALS_TO_TIKV / --send-credentials-to-tikv; false when TiKV uses its own IAM role."
                    + " Not a URI key.");
    static final Param<List<String>> EXTRA_ARGS = Param.stringList("extra_args")
            .description("cli mode: more flags, such as --ca, --cert, --key, --log-file.");
    static final Param<Duration> PROGRESS_INTERVAL = Param.duration("progress_interval")
            .defaultValue(Duration.ofSeconds(5)).min(Duration.ofMillis(10))
            .description("sql mode: how often SHOW BACKUPS or SHOW RESTORES is read on a second connection while the"
                    + " statement blocks.");

    private BrParams() {
    }

    static List<Param<?>> common() {
        return List.of(MODE, CONNECTION, PD, COMMAND, DATABASES, TABLES, STORAGE, SECRET_ACCESS_KEY, RATE_LIMIT,
                CONCURRENCY, CHECKSUM, CHECKSUM_CONCURRENCY, SEND_CREDENTIALS_TO_TIKV, EXTRA_ARGS, PROGRESS_INTERVAL);
    }

    static BrOptions bind(Params params) {
        BrOptions.Mode mode = BrOptions.Mode.valueOf(params.get(MODE).toUpperCase(Locale.ROOT));
        String storage = params.get(STORAGE);
        storage = params.find(SECRET_ACCESS_KEY).map(secret -> Uris.withQueryParam(params.get(STORAGE),
                "secret-access-key", secret)).orElse(storage);
        return new BrOptions(mode, params.find(CONNECTION).map(name -> params.connection(CONNECTION)),
                params.find(PD), params.get(COMMAND), params.find(DATABASES).orElse(List.of()),
                params.find(TABLES).orElse(List.of()), storage, params.find(RATE_LIMIT), params.find(CONCURRENCY),
                params.find(CHECKSUM), params.find(CHECKSUM_CONCURRENCY), params.find(SEND_CREDENTIALS_TO_TIKV),
                params.find(EXTRA_ARGS).orElse(List.of()), params.get(PROGRESS_INTERVAL));
    }

    /**
     * Checks across parameters, before the run and again before bind: each mode's own parameters
     * (sqlOnly, cliOnly; {@code mode} is not the step's {@code action}, so declarations cannot say it).
     */
    static void validate(ParamValues params, Problems problems, List<Param<?>> sqlOnly, List<Param<?>> cliOnly) {
        String mode = params.isExpression(MODE) ? "" : params.literal(MODE).orElse("sql");
        if ("sql".equals(mode) && !params.has(CONNECTION)) {
            problems.add(CONNECTION.name(), "mode sql needs a connection", "name a mysql connection to a TiDB server");
        }
        if ("cli".equals(mode) && !params.has(PD)) {
            problems.add(PD.name(), "mode cli needs pd", "pd: 127.0.0.1:2379");
        }
        if (params.has(DATABASES) && params.has(TABLES)) {
            problems.add(TABLES.name(), "give databases or tables, not both");
        }
        for (Param<?> p : "sql".equals(mode) ? cliOnly : "cli".equals(mode) ? sqlOnly : List.<Param<?>>of()) {
            if (params.has(p)) {
                problems.add(p.name(), p.name() + " applies to mode " + ("sql".equals(mode) ? "cli" : "sql") + " only");
            }
        }
    }
}
