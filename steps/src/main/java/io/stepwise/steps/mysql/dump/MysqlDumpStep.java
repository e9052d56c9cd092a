package io.stepwise.steps.mysql.dump;

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
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.mariadb.MariaDbDistribution;
import io.stepwise.steps.mysql.ClientErrors;
import io.stepwise.steps.mysql.ClientOptions;
import io.stepwise.steps.mysql.ClientOptionsFile;
import io.stepwise.steps.mysql.DumpPosition;
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
 * {@code mysql.dump}: {@code mariadb-dump --single-transaction --master-data=2 --gtid} of some or all databases
 * into a file or a storage URI, publishing the GTID position and binlog coordinates the dump is consistent with.
 */
public final class MysqlDumpStep implements StepType<MysqlDumpConfig> {
    /** Never dumped when no databases are named: system schemas a target server has its own of. */
    static final List<String> SYSTEM_DATABASES = List.of("mysql", "sys", "information_schema", "performance_schema");

    static final Param<String> CONNECTION = Param.connection("connection").required()
            .description("The server to dump (a mysql connection: host, port, user, password).").example("primary");
    static final Param<List<String>> DATABASES = Param.stringList("databases").defaultValue(List.of())
            .description("The databases to dump; empty dumps every database but mysql, sys, "
                    + "information_schema and performance_schema.").example(List.of("test", "bank"));
    static final Param<String> TO = Param.string("to").required()
            .description("Where the dump goes: a file path, local:///path or s3://bucket/key?...; a URI "
                    + "ending with '/' gets <step id>.sql appended.")
            .example("s3://backup/quickstart/?${steps.s3.uri_options}");
    static final Param<Boolean> CAPTURE_POSITION = Param.bool("capture_position").defaultValue(true)
            .description("--master-data=2 --gtid: record the binlog and GTID position in the dump and publish "
                    + "them; the server must write a binary log.");
    static final Param<Boolean> SINGLE_TRANSACTION = Param.bool("single_transaction").defaultValue(true)
            .description("--single-transaction: one consistent InnoDB snapshot, no table locks.");
    static final Param<List<String>> OPTIONS = Param.stringList("options").defaultValue(List.of())
            .description("More mariadb-dump options, after the others.").example(List.of("--skip-triggers"));
    static final Param<String> BINARY = Param.string("binary")
            .description("The dump tool (mariadb-dump or mysqldump, a name on PATH or a path); defaults to "
                    + "the bundled mariadb-dump " + MariaDbDistribution.VERSION + ".")
            .example("/usr/bin/mariadb-dump");

    private final MariaDbDistribution dist;

    public MysqlDumpStep() {
        this(MariaDbDistribution.standard());
    }

    MysqlDumpStep(MariaDbDistribution dist) {
        this.dist = dist;
    }

    @Override
    public String name() {
        return "mysql.dump";
    }

    @Override
    public String description() {
        return "Takes a consistent logical backup with mariadb-dump into a file or a storage URI and captures the "
                + "replication position (GTID, binlog file and offset) it is consistent with.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(CONNECTION, DATABASES, TO, CAPTURE_POSITION, SINGLE_TRANSACTION, OPTIONS, BINARY);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("gtid_position", ParamType.STRING, "The GTID position the dump is consistent with "
                        + "(from the SET GLOBAL gtid_slave_pos line at its end); empty when none was captured."),
                OutputDescriptor.of("binlog_file", ParamType.STRING, "The binlog file of that position."),
                OutputDescriptor.of("binlog_position", ParamType.INTEGER, "The offset in the binlog file."),
                OutputDescriptor.of("bytes", ParamType.INTEGER, "The size of the dump."),
                OutputDescriptor.of("location", ParamType.STRING, "The dump's storage URI (credentials included, masked when "
                        + "shown), to hand to mysql.load."),
                OutputDescriptor.of("duration_ms", ParamType.INTEGER, "How long the dump took."));
    }

    /** The URI and the options, in validate rather than checks: their messages must not echo a secret they hold. */
    @Override
    public void validate(ParamValues params, Problems problems) {
        params.literal(TO).ifPresent(to -> ClientOptions.checkStorageUri(TO.name(), to, false, problems));
        for (String option : params.literal(OPTIONS).orElse(List.of())) {
            ClientOptions.checkNoPassword(OPTIONS.name(), option, problems);
            if (option.startsWith("--result-file") || option.startsWith("--defaults")) {
                problems.add(OPTIONS.name(), option + " is set by the step");
            }
        }
    }

    @Override
    public MysqlDumpConfig bind(Params params) {
        StorageUri to = StorageUri.parse(params.get(TO)).object(params.stepId() + ".sql");
        return new MysqlDumpConfig(params.stepId(), params.connection(CONNECTION), params.get(DATABASES), to,
                params.get(CAPTURE_POSITION), params.get(SINGLE_TRANSACTION), params.get(OPTIONS), params.find(BINARY));
    }

    @Override
    public List<Action> plan(MysqlDumpConfig config, StepContext context) {
        Path options = ClientOptionsFile.pathFor(context.runDir(), config.stepId());
        Path file = dumpFile(config, context);
        List<Action> actions = new ArrayList<>();
        actions.add(new NoteAction("write client options for " + config.connection().describe() + " to " + options
                + " (mode 0600, password not shown, removed afterwards)"));
        actions.add(dumpAction(MariaDbDistribution.described(), config, options, file));
        if (config.to().isS3()) {
            actions.add(new S3Action("put", config.to(), Optional.of(file.toString())));
            actions.add(new NoteAction("remove " + file));
        }
        if (config.capturePosition()) {
            actions.add(new NoteAction("read the binlog coordinates at the head of the dump and the GTID position "
                    + "(SET GLOBAL gtid_slave_pos) at its end"));
        }
        return actions;
    }

    /** The client's argv, with the binaries in {@code binaries} (a plan names them by placeholder). */
    static ExecAction dumpAction(MariaDbDistribution binaries, MysqlDumpConfig config, Path optionsFile, Path file) {
        List<String> argv = new ArrayList<>();
        argv.add(config.binary().orElse(binaries.dump().toString()));
        argv.add(ClientOptionsFile.argument(optionsFile));
        if (config.singleTransaction()) {
            argv.add("--single-transaction");
        }
        if (config.capturePosition()) {
            argv.add("--master-data=2");
            argv.add("--gtid");
        }
        argv.addAll(List.of("--routines", "--events", "--triggers", "--hex-blob", "--result-file=" + file));
        argv.addAll(config.options());
        if (config.databases().isEmpty()) {
            argv.add("--all-databases");
            SYSTEM_DATABASES.stream().filter(db -> !db.endsWith("_schema")).forEach(db -> argv.add("--ignore-database=" + db));
        } else {
            argv.add("--databases");
            argv.addAll(config.databases());
        }
        return new ExecAction(argv, config.binary().isPresent() ? Map.of() : binaries.environment(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static Path dumpFile(MysqlDumpConfig config, StepContext context) {
        return config.to().isS3() ? context.runDir().resolve("tmp").resolve(config.stepId() + ".sql").toAbsolutePath()
                : config.to().path().toAbsolutePath();
    }

    @Override
    public StepResult execute(MysqlDumpConfig config, StepContext context) {
        ClientOptionsFile.password(config.connection()).ifPresent(context::markSecret);
        config.to().secrets().forEach(context::markSecret);
        if (config.binary().isEmpty()) {
            dist.ensureUnpacked(context::progress);
        }
        Path file = dumpFile(config, context);
        long started = System.nanoTime();
        try {
            Files.createDirectories(file.getParent());
            try (ClientOptionsFile options = ClientOptionsFile.write(
                    ClientOptionsFile.pathFor(context.runDir(), config.stepId()), config.connection())) {
                context.progress("dumping " + (config.databases().isEmpty() ? "all databases" : config.databases())
                        + " of " + config.connection().describe());
                ExecResult result = context.actions().exec(dumpAction(dist, config, options.path(), file));
                if (result.exitCode() != 0) {
                    throw ClientErrors.failed("mariadb-dump", result, config.connection());
                }
            }
            long bytes = Files.size(file);
            DumpPosition position = DumpPosition.read(file);
            if (config.capturePosition() && position.binlogFile().isEmpty()) {
                throw new StepFailedException("the dump in " + file + " holds no CHANGE MASTER TO line, so its position "
                        + "is unknown", "use mariadb-dump (not an old mysqldump), and keep --master-data in effect");
            }
            if (config.to().isS3()) {
                context.progress("uploading the dump (" + bytes + " bytes) to " + config.to().location());
                try (Storage storage = Storage.open(config.to())) {
                    storage.put(file);
                }
                Files.deleteIfExists(file);
            }
            return result(config, position, bytes, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new StepFailedException("cannot write the dump " + file + ": " + e.getMessage(),
                    "check free space and permissions", e);
        }
    }

    private static StepResult result(MysqlDumpConfig config, DumpPosition position, long bytes, long millis) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gtid_position", position.gtid().orElse(""));
        out.put("binlog_file", position.binlogFile().orElse(""));
        out.put("binlog_position", position.binlogPosition().orElse(0L));
        out.put("bytes", bytes);
        out.put("location", config.to().unmasked());
        out.put("duration_ms", millis);
        return new StepResult(out);
    }

    @Override
    public Reversibility reversibility(MysqlDumpConfig config) {
        return Reversibility.SELF;
    }

    @Override
    public List<Action> planRollback(MysqlDumpConfig config, StepResult result, StepContext context) {
        return List.of(S3Action.of("delete", config.to()));
    }

    @Override
    public void rollback(MysqlDumpConfig config, StepResult result, StepContext context) {
        config.to().secrets().forEach(context::markSecret);
        try (Storage storage = Storage.open(config.to())) {
            storage.delete(false);
        }
    }

    @Override
    public boolean idempotent(MysqlDumpConfig config) {
        return true;
    }
}
