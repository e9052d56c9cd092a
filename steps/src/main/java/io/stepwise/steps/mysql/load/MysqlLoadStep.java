package io.stepwise.steps.mysql.load;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.mariadb.MariaDbDistribution;
import io.stepwise.steps.mysql.ClientErrors;
import io.stepwise.steps.mysql.ClientOptions;
import io.stepwise.steps.mysql.ClientOptionsFile;
import io.stepwise.steps.s3.S3Action;
import io.stepwise.steps.s3.Storage;
import io.stepwise.steps.s3.StorageUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mysql.load}: runs a logical dump from a file or storage URI through the {@code mariadb} client into a
 * server, with {@code SET SESSION sql_log_bin=0} first so the target's binary log (and GTID history) stays clean.
 */
public final class MysqlLoadStep implements StepType<MysqlLoadConfig> {
    static final String NO_BINLOG = "SET SESSION sql_log_bin=0";

    static final Param<String> CONNECTION = Param.connection("connection").required()
            .description("The server to load into (a mysql connection).").example("secondary");
    static final Param<String> FROM = Param.string("from").required()
            .description("The dump: a file path, local:///path or s3://bucket/key?..., such as a mysql.dump "
                    + "step's location.").example("${steps.backup.location}");
    static final Param<String> DATABASE = Param.string("database")
            .description("The default database, for dumps made without --databases.").example("test");
    static final Param<Boolean> WRITE_BINLOG = Param.bool("write_binlog").defaultValue(false)
            .description("Write the loaded rows to the target's binary log; off by default so a replica's "
                    + "GTID history holds only what it replicates.");
    static final Param<List<String>> OPTIONS = Param.stringList("options").defaultValue(List.of())
            .description("More mariadb client options, after the others.").example(List.of("--force"));
    static final Param<String> BINARY = Param.string("binary")
            .description("The client (mariadb or mysql, a name on PATH or a path); defaults to the bundled "
                    + "mariadb " + MariaDbDistribution.VERSION + ".").example("/usr/bin/mariadb");

    private final MariaDbDistribution dist;

    public MysqlLoadStep() {
        this(MariaDbDistribution.standard());
    }

    MysqlLoadStep(MariaDbDistribution dist) {
        this.dist = dist;
    }

    @Override
    public String name() {
        return "mysql.load";
    }

    @Override
    public String description() {
        return "Loads a logical dump from a file or storage URI into a server with the mariadb client, without "
                + "writing the target's binary log.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(CONNECTION, FROM, DATABASE, WRITE_BINLOG, OPTIONS, BINARY);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("bytes", ParamType.INTEGER, "The size of the dump loaded."),
                OutputDescriptor.of("duration_ms", ParamType.INTEGER, "How long loading took (download included)."),
                OutputDescriptor.of("location", ParamType.STRING, "Where the dump came from, without credentials."));
    }

    /** The URI and the options, in validate rather than checks: their messages must not echo a secret they hold. */
    @Override
    public void validate(ParamValues params, Problems problems) {
        params.literal(FROM).ifPresent(from -> ClientOptions.checkStorageUri(FROM.name(), from, true, problems));
        params.literal(OPTIONS).orElse(List.of())
                .forEach(option -> ClientOptions.checkNoPassword(OPTIONS.name(), option, problems));
    }

    @Override
    public MysqlLoadConfig bind(Params params) {
        return new MysqlLoadConfig(params.stepId(), params.connection(CONNECTION), StorageUri.parse(params.get(FROM)),
                params.find(DATABASE), params.get(WRITE_BINLOG), params.get(OPTIONS), params.find(BINARY));
    }

    @Override
    public List<Action> plan(MysqlLoadConfig config, StepContext context) {
        Path options = ClientOptionsFile.pathFor(context.runDir(), config.stepId());
        Path file = localFile(config, context);
        List<Action> actions = new ArrayList<>();
        if (config.from().isS3()) {
            actions.add(new S3Action("get", config.from(), Optional.of(file.toString())));
        }
        actions.add(new NoteAction("write client options for " + config.connection().describe() + " to " + options
                + " (mode 0600, password not shown, removed afterwards)"));
        actions.add(loadAction(MariaDbDistribution.described(), config, options, file));
        if (config.from().isS3()) {
            actions.add(new NoteAction("remove " + file));
        }
        return actions;
    }

    /** The client's argv, with the binaries in {@code binaries} (a plan names them by placeholder). */
    static ExecAction loadAction(MariaDbDistribution binaries, MysqlLoadConfig config, Path optionsFile, Path file) {
        List<String> argv = new ArrayList<>();
        argv.add(config.binary().orElse(binaries.client().toString()));
        argv.add(ClientOptionsFile.argument(optionsFile));
        argv.add("--batch");
        // without it a failed statement in a sourced file is printed and skipped, and the client still exits 0
        argv.add("--abort-source-on-error");
        if (!config.writeBinlog()) {
            argv.add("--init-command=" + NO_BINLOG);
        }
        config.database().ifPresent(db -> argv.add("--database=" + db));
        argv.addAll(config.options());
        argv.add("--execute=source " + file);
        return new ExecAction(argv, config.binary().isPresent() ? Map.of() : binaries.environment(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The dump on this machine: the download in the run dir, or the path as given (the client runs in the same directory). */
    private static Path localFile(MysqlLoadConfig config, StepContext context) {
        if (config.from().isS3()) {
            return context.runDir().resolve("tmp").resolve(config.stepId() + ".sql").toAbsolutePath();
        }
        return config.from().path();
    }

    @Override
    public StepResult execute(MysqlLoadConfig config, StepContext context) {
        ClientOptionsFile.password(config.connection()).ifPresent(context::markSecret);
        config.from().secrets().forEach(context::markSecret);
        if (config.binary().isEmpty()) {
            dist.ensureUnpacked(context::progress);
        }
        long started = System.nanoTime();
        Path file = localFile(config, context);
        long bytes;
        if (config.from().isS3()) {
            context.progress("downloading " + config.from().location());
            try (Storage storage = Storage.open(config.from())) {
                bytes = storage.get(file);
            }
        } else {
            if (!Files.isRegularFile(file)) {
                throw new StepFailedException("no dump at " + file.toAbsolutePath(), "check from: (a mysql.dump step's location)");
            }
            bytes = file.toFile().length();
        }
        try (ClientOptionsFile options = ClientOptionsFile.write(
                ClientOptionsFile.pathFor(context.runDir(), config.stepId()), config.connection())) {
            context.progress("loading " + bytes + " bytes into " + config.connection().describe());
            ExecResult result = context.actions().exec(loadAction(dist, config, options.path(), file));
            if (result.exitCode() != 0) {
                throw ClientErrors.failed("mariadb", result, config.connection());
            }
        } finally {
            if (config.from().isS3()) {
                deleteQuietly(file);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bytes", bytes);
        out.put("duration_ms", (System.nanoTime() - started) / 1_000_000);
        out.put("location", config.from().location());
        return new StepResult(out);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover download in the run dir is harmless
        }
    }

    /**
     * A dump drops each table before it creates it (mariadb-dump's default --add-drop-table) and
     * writes nothing to the target's binary log, so a load cut short can simply run again.
     */
    @Override
    public boolean idempotent(MysqlLoadConfig config) {
        return true;
    }
}
