package io.stepwise.steps.mariadb.local;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.ProbeOutcome;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.mariadb.MariaDbDistribution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mariadb.local}: starts a MariaDB server from the bundled 11.4.5 binaries as a background resource of the
 * run, stops it cleanly, or kills it with SIGKILL (the disaster of the quickstart).
 */
public final class MariaDbLocalStep implements StepType<MariaDbLocalConfig> {
    static final String DEMO_REDO_LOG = "8M";
    static final String START = "start";

    static final Param<String> ACTION = Param.string(Param.ACTION).defaultValue(START).allowed(START, "stop", "kill")
            .description("start a server; stop one cleanly (SIGTERM, waits for shutdown); kill one with SIGKILL.");
    static final Param<String> NAME = Param.string("name")
            .check(n -> n.matches("[A-Za-z0-9][A-Za-z0-9_.-]*"), "must hold only letters, digits, '.', '_' and '-'")
            .description("The server's name (log and binlog base name, default data dir mariadb/<name>/data in "
                    + "the run dir); start defaults it to the step id. stop and kill find a server by it.")
            .example("primary");
    static final Param<Long> PORT = Param.integer("port").required().onlyFor(START).min(1L).max(65_535L)
            .description("start: the TCP port, required; a port already taken fails naming who holds it.")
            .example(3307L);
    static final Param<String> HOST = Param.string("host").defaultValue("127.0.0.1")
            .description("start: the address to listen on.");
    static final Param<Long> SERVER_ID = Param.integer("server_id").onlyFor(START).defaultValue(1L)
            .min(1L).max(4_294_967_295L)
            .description("start: the replication server id; unique among servers that replicate.");
    static final Param<Boolean> BINLOG = Param.bool("binlog").onlyFor(START).defaultValue(false)
            .description("start: write a binary log in ROW format (needed by a primary and by dumps that "
                    + "capture a position).");
    static final Param<Boolean> GTID_STRICT_MODE = Param.bool("gtid_strict_mode").onlyFor(START).defaultValue(false)
            .description("start: --gtid-strict-mode=1.");
    static final Param<Boolean> READ_ONLY = Param.bool("read_only").onlyFor(START).defaultValue(false)
            .description("start: --read-only=1, as for a replica.");
    static final Param<Boolean> LOG_SLAVE_UPDATES = Param.bool("log_slave_updates").onlyFor(START).defaultValue(false)
            .description("start: --log-slave-updates=1, so a replica can become a primary with the same history.");
    static final Param<Boolean> SSL = Param.bool("ssl").onlyFor(START).defaultValue(false)
            .description("start: accept TLS with the certificate MariaDB 11.4 generates at start; that costs "
                    + "several seconds per start, so it is off (--skip-ssl) unless asked for. A replica of a "
                    + "server without TLS needs CHANGE MASTER TO ... MASTER_SSL=0.");
    static final Param<String> INNODB_LOG_FILE_SIZE = Param.string("innodb_log_file_size").onlyFor(START)
            .defaultValue(DEMO_REDO_LOG).check(size -> size.matches("\\d+[KMG]?"), "must be a size such as 8M or 1G")
            .description("start: the InnoDB redo log size (also given when a data dir is initialized). "
                    + "Small for a demo server; raise it for heavy writes (MariaDB's default is 96M).")
            .example("96M");
    static final Param<List<String>> OPTIONS = Param.stringList("options").onlyFor(START).defaultValue(List.of())
            .description("start: more mariadbd options, passed verbatim after the others.")
            .example(List.of("--innodb-buffer-pool-size=64M"));
    static final Param<String> DATA_DIR = Param.string("data_dir")
            .description("The data dir (relative paths are in the run dir); start defaults it to "
                    + "mariadb/<name>/data in the run dir and initializes it when new. stop and kill find a "
                    + "server by its pid file there.").example("mariadb/primary/data");
    /** A process id: at most PID_MAX_LIMIT, 2^22 on 64-bit Linux. */
    static final Param<Long> PID = Param.integer("pid").onlyFor("stop", "kill").min(1L).max(4_194_304L)
            .description("stop, kill: the server's pid, as a start step published it.")
            .example(4242L);
    static final Param<Boolean> KEEP = Param.bool("keep").onlyFor(START).defaultValue(false)
            .description("start: leave the server running when the run ends.");
    static final Param<Duration> STARTUP_TIMEOUT = Param.duration("startup_timeout").onlyFor(START)
            .defaultValue(Duration.ofSeconds(60)).min(Duration.ofSeconds(1))
            .description("start: how long to wait until the server accepts connections.");
    static final Param<Duration> SHUTDOWN_TIMEOUT = Param.duration("shutdown_timeout")
            .defaultValue(Duration.ofSeconds(60)).min(Duration.ofSeconds(1))
            .description("stop: how long to wait for a clean shutdown before failing (also when a rollback "
                    + "stops what start started).");

    private final MariaDbDistribution dist;

    public MariaDbLocalStep() {
        this(MariaDbDistribution.standard());
    }

    MariaDbLocalStep(MariaDbDistribution dist) {
        this.dist = dist;
    }

    @Override
    public String name() {
        return "mariadb.local";
    }

    @Override
    public String description() {
        return "Starts a local MariaDB " + MariaDbDistribution.VERSION + " server from the bundled binaries (stopped when "
                + "the run ends unless kept), stops one cleanly, or kills one with SIGKILL.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(ACTION, NAME, PORT, HOST, SERVER_ID, BINLOG, GTID_STRICT_MODE, READ_ONLY, LOG_SLAVE_UPDATES, SSL,
                INNODB_LOG_FILE_SIZE, OPTIONS, DATA_DIR, PID, KEEP, STARTUP_TIMEOUT, SHUTDOWN_TIMEOUT);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("host", ParamType.STRING, "start: the address it listens on."),
                OutputDescriptor.of("port", ParamType.INTEGER, "start: the TCP port."),
                OutputDescriptor.of("jdbc_url", ParamType.STRING, "start: jdbc:mysql://host:port/ (user root, no password)."),
                OutputDescriptor.of("user", ParamType.STRING, "start: the user to connect as (root; grant tables are off)."),
                OutputDescriptor.of("pid", ParamType.INTEGER, "The server's process id."),
                OutputDescriptor.of("data_dir", ParamType.STRING, "The data dir."),
                OutputDescriptor.of("socket", ParamType.STRING, "start: the unix socket."),
                OutputDescriptor.of("log_file", ParamType.STRING, "start: the server's console log."),
                OutputDescriptor.of("version", ParamType.STRING, "start: the MariaDB version."),
                OutputDescriptor.of("was_running", ParamType.BOOLEAN, "stop, kill: whether the server was running."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        String action = params.literal(ACTION).orElse(null);
        if (action != null && !action.equals(START)
                && !params.has(NAME) && !params.has(PID) && !params.has(DATA_DIR)) {
            problems.add(NAME.name(), action + " needs the server's name, pid or data_dir", "pid: ${steps.<start step>.pid}");
        }
    }

    @Override
    public MariaDbLocalConfig bind(Params params) {
        String action = params.get(ACTION);
        boolean start = action.equals(START);
        Optional<String> name = params.find(NAME);
        return new MariaDbLocalConfig(action, start ? Optional.of(name.orElse(params.stepId())) : name,
                params.get(HOST), start ? params.get(PORT).intValue() : 0, params.get(SERVER_ID), params.get(BINLOG),
                params.get(GTID_STRICT_MODE), params.get(READ_ONLY), params.get(LOG_SLAVE_UPDATES), params.get(SSL),
                params.get(INNODB_LOG_FILE_SIZE), params.get(OPTIONS), params.find(DATA_DIR), params.find(PID),
                params.get(KEEP), params.get(STARTUP_TIMEOUT), params.get(SHUTDOWN_TIMEOUT));
    }

    @Override
    public List<Action> plan(MariaDbLocalConfig config, StepContext context) {
        List<Action> actions = new ArrayList<>();
        if (!config.isStart()) {
            actions.add(new NoteAction((config.action().equals("kill") ? "send SIGKILL to " : "shut down (SIGTERM, wait) ")
                    + "mariadbd " + target(config, context)));
            return actions;
        }
        MariaDbCommands commands = new MariaDbCommands(MariaDbDistribution.described(), config,
                defaultDataDir(config, context).orElseThrow());
        actions.add(new NoteAction("use the MariaDB " + MariaDbDistribution.VERSION + " binaries in "
                + MariaDbDistribution.PLACEHOLDER + " (the stepwise cache; unpacked there once, ~366 MB, if missing)"));
        actions.add(new NoteAction("check that " + config.host() + ":" + config.port() + " is free"));
        actions.add(new NoteAction("initialize the data dir " + commands.dataDir() + " unless it holds a database:"));
        actions.add(commands.install());
        actions.add(commands.server());
        actions.add(new NoteAction("wait until mariadbd '" + config.name().orElseThrow() + "' is ready for connections (at most "
                + config.startupTimeout().toSeconds() + "s); it runs in the background"
                + (config.keep() ? " and is kept after the run" : " until the run ends")));
        return actions;
    }

    @Override
    public StepResult execute(MariaDbLocalConfig config, StepContext context) {
        if (!config.isStart()) {
            return MariaDbStopper.stopOrKill(config, context, defaultDataDir(config, context));
        }
        dist.ensureUnpacked(context::progress);
        MariaDbCommands commands = commands(config, context);
        Path log = logFile(config, context);
        MariaDbProcess server = MariaDbLauncher.start(commands, config, log, context);
        MariaDbStopper.remember(context.runDir(), server);
        context.registerBackground(server, config.keep());
        return startResult(config, commands, server);
    }

    private static StepResult startResult(MariaDbLocalConfig config, MariaDbCommands commands, MariaDbProcess server) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", config.host());
        out.put("port", (long) config.port());
        out.put("jdbc_url", "jdbc:mysql://" + config.host() + ":" + config.port() + "/");
        out.put("user", "root");
        out.put("pid", server.pid());
        out.put("data_dir", commands.dataDir().toString());
        out.put("socket", commands.socket().toString());
        out.put("log_file", server.logFile().toString());
        out.put("version", MariaDbDistribution.VERSION);
        return new StepResult(out);
    }

    private MariaDbCommands commands(MariaDbLocalConfig config, StepContext context) {
        return new MariaDbCommands(dist, config, defaultDataDir(config, context).orElseThrow());
    }

    /** The data dir as given (relative to the run dir), else mariadb/<name>/data in the run dir; empty without a name. */
    static Optional<Path> defaultDataDir(MariaDbLocalConfig config, StepContext context) {
        if (config.dataDir().isPresent()) {
            return Optional.of(context.runDir().resolve(config.dataDir().get()).toAbsolutePath().normalize());
        }
        return config.name().map(n -> context.runDir().resolve("mariadb").resolve(n).resolve("data").toAbsolutePath()
                .normalize());
    }

    private static Path logFile(MariaDbLocalConfig config, StepContext context) {
        return context.runDir().resolve("logs").resolve("mariadb.local-" + config.name().orElseThrow() + ".log");
    }

    private static String target(MariaDbLocalConfig config, StepContext context) {
        if (config.pid().isPresent()) {
            return "pid " + config.pid().get();
        }
        return defaultDataDir(config, context).map(d -> "with the pid file in " + d)
                .orElse("'" + config.name().orElse("?") + "'");
    }

    @Override
    public boolean supportsBackground() {
        return true;
    }

    @Override
    public Reversibility reversibility(MariaDbLocalConfig config) {
        // a stopped or killed server is not started again by a rollback: the undo of its start stops it anyway
        return config.isStart() ? Reversibility.SELF : Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public List<Action> planRollback(MariaDbLocalConfig config, StepResult result, StepContext context) {
        if (!config.isStart()) {
            return List.of();
        }
        return List.of(new NoteAction("shut down mariadbd '" + config.name().orElseThrow() + "' (pid "
                + result.values().getOrDefault("pid", "?") + ")"));
    }

    @Override
    public void rollback(MariaDbLocalConfig config, StepResult result, StepContext context) {
        if (!config.isStart()) {
            throw new UnsupportedOperationException("mariadb.local " + config.action() + " cannot roll back");
        }
        Object pid = result.values().get("pid");
        MariaDbLocalConfig stop = new MariaDbLocalConfig("stop", config.name(), config.host(), 0, 0, false, false, false,
                false, false, config.innodbLogFileSize(), List.of(), config.dataDir(),
                Optional.ofNullable(pid).map(p -> Long.valueOf(String.valueOf(p))), false,
                config.startupTimeout(), config.shutdownTimeout());
        MariaDbStopper.stopOrKill(stop, context, defaultDataDir(config, context));
    }

    @Override
    public boolean idempotent(MariaDbLocalConfig config) {
        return !config.isStart();
    }

    /** A server started on its data dir again is the same server: same data, binary log and GTID position. */
    @Override
    public boolean restartable(MariaDbLocalConfig config) {
        return config.isStart();
    }

    @Override
    public StepResult restart(MariaDbLocalConfig config, StepResult previous, StepContext context) {
        if (!config.isStart()) {
            throw new UnsupportedOperationException("mariadb.local " + config.action() + " starts nothing");
        }
        return execute(config, context);
    }

    @Override
    public ProbeOutcome probe(MariaDbLocalConfig config, StepContext context) {
        if (!config.isStart()) {
            return ProbeOutcome.UNSUPPORTED;
        }
        MariaDbCommands commands = commands(config, context);
        Optional<Long> pid = MariaDbProcess.runningIn(commands.dataDir());
        if (pid.isEmpty() || !io.stepwise.steps.localservice.Processes.isAlive(pid.get())) {
            return ProbeOutcome.notDone("no mariadbd runs on " + commands.dataDir());
        }
        // a server the killed runner had just started may still be starting: give it its startup timeout
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        while (!io.stepwise.steps.localservice.Ports.accepting(config.host(), config.port())) {
            if (System.nanoTime() - deadline > 0 || !io.stepwise.steps.localservice.Processes.isAlive(pid.get())) {
                return ProbeOutcome.notDone("mariadbd pid " + pid.get() + " on " + commands.dataDir()
                        + " does not accept connections on port " + config.port());
            }
            context.pause(java.time.Duration.ofMillis(100));
        }
        MariaDbProcess server = new MariaDbProcess(config.name().orElseThrow(), pid.get(), commands.dataDir(),
                logFile(config, context), config.shutdownTimeout());
        MariaDbStopper.remember(context.runDir(), server);
        context.registerBackground(server, config.keep());
        return ProbeOutcome.done(startResult(config, commands, server), "mariadbd pid " + pid.get() + " runs on "
                + commands.dataDir() + " and accepts connections on port " + config.port());
    }
}
