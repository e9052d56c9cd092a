package io.stepwise.steps.mariadb.local;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamDescriptor;
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
    static final List<String> ACTIONS = List.of("start", "stop", "kill");
    static final String DEMO_REDO_LOG = "8M";

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
        return List.of(
                ParamDescriptor.of("action", ParamType.STRING).defaultValue("start").allowed(ACTIONS.toArray(String[]::new))
                        .description("start a server; stop one cleanly (SIGTERM, waits for shutdown); kill one with SIGKILL.")
                        .build(),
                ParamDescriptor.of("name", ParamType.STRING)
                        .description("The server's name (log and binlog base name, default data dir mariadb/<name>/data in "
                                + "the run dir); start defaults it to the step id. stop and kill find a server by it.")
                        .example("primary").build(),
                ParamDescriptor.of("port", ParamType.INTEGER)
                        .description("start: the TCP port, required; a port already taken fails naming who holds it.")
                        .example("3307").build(),
                ParamDescriptor.of("host", ParamType.STRING).defaultValue("127.0.0.1")
                        .description("start: the address to listen on.").build(),
                ParamDescriptor.of("server_id", ParamType.INTEGER).defaultValue(1L)
                        .description("start: the replication server id; unique among servers that replicate.").build(),
                ParamDescriptor.of("binlog", ParamType.BOOLEAN).defaultValue(false)
                        .description("start: write a binary log in ROW format (needed by a primary and by dumps that "
                                + "capture a position).").build(),
                ParamDescriptor.of("gtid_strict_mode", ParamType.BOOLEAN).defaultValue(false)
                        .description("start: --gtid-strict-mode=1.").build(),
                ParamDescriptor.of("read_only", ParamType.BOOLEAN).defaultValue(false)
                        .description("start: --read-only=1, as for a replica.").build(),
                ParamDescriptor.of("log_slave_updates", ParamType.BOOLEAN).defaultValue(false)
                        .description("start: --log-slave-updates=1, so a replica can become a primary with the same history.")
                        .build(),
                ParamDescriptor.of("ssl", ParamType.BOOLEAN).defaultValue(false)
                        .description("start: accept TLS with the certificate MariaDB 11.4 generates at start; that costs "
                                + "several seconds per start, so it is off (--skip-ssl) unless asked for. A replica of a "
                                + "server without TLS needs CHANGE MASTER TO ... MASTER_SSL=0.").build(),
                ParamDescriptor.of("innodb_log_file_size", ParamType.STRING).defaultValue(DEMO_REDO_LOG)
                        .description("start: the InnoDB redo log size (also given when a data dir is initialized). "
                                + "Small for a demo server; raise it for heavy writes (MariaDB's default is 96M).")
                        .example("96M").build(),
                ParamDescriptor.of("options", ParamType.STRING_LIST).defaultValue(List.of())
                        .description("start: more mariadbd options, passed verbatim after the others.")
                        .example("[--innodb-buffer-pool-size=64M]").build(),
                ParamDescriptor.of("data_dir", ParamType.STRING)
                        .description("The data dir (relative paths are in the run dir); start defaults it to "
                                + "mariadb/<name>/data in the run dir and initializes it when new. stop and kill find a "
                                + "server by its pid file there.").example("mariadb/primary/data").build(),
                ParamDescriptor.of("pid", ParamType.STRING)
                        .description("stop, kill: the server's pid, as a start step published it.")
                        .example("${steps.primary.pid}").build(),
                ParamDescriptor.of("keep", ParamType.BOOLEAN).defaultValue(false)
                        .description("start: leave the server running when the run ends.").build(),
                ParamDescriptor.of("startup_timeout", ParamType.DURATION).defaultValue("60s")
                        .description("start: how long to wait until the server accepts connections.").build(),
                ParamDescriptor.of("shutdown_timeout", ParamType.DURATION).defaultValue("60s")
                        .description("stop: how long to wait for a clean shutdown before failing.").build());
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
        String action = params.literal("action").map(String::valueOf).orElse("start");
        if (action.equals("start")) {
            if (!params.has("port")) {
                problems.add("port", "start needs an explicit port", "port: 3307");
            }
            if (params.has("pid")) {
                problems.add("pid", "start takes no pid; stop and kill do");
            }
        } else if (ACTIONS.contains(action)) {
            if (!params.has("name") && !params.has("pid") && !params.has("data_dir")) {
                problems.add("name", action + " needs the server's name, pid or data_dir",
                        "pid: ${steps.<start step>.pid}");
            }
            for (String startOnly : List.of("port", "server_id", "binlog", "gtid_strict_mode", "read_only",
                    "log_slave_updates", "ssl", "innodb_log_file_size", "options", "keep", "startup_timeout")) {
                if (params.has(startOnly) && params.literal(startOnly).isPresent()) {
                    problems.add(startOnly, "only start takes " + startOnly);
                }
            }
        }
        params.literal("innodb_log_file_size").ifPresent(size -> {
            if (!String.valueOf(size).matches("\\d+[KMG]?")) {
                problems.add("innodb_log_file_size", "innodb_log_file_size must be a size such as 8M or 1G, got '"
                        + size + "'", "innodb_log_file_size: 96M");
            }
        });
        params.literal("pid").ifPresent(pid -> {
            if (!String.valueOf(pid).matches("\\d+")) {
                problems.add("pid", "pid must be a process id, got '" + pid + "'");
            }
        });
    }

    @Override
    public MariaDbLocalConfig bind(Params params) {
        String action = params.string("action");
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action must be one of " + ACTIONS + ", got '" + action + "'");
        }
        boolean start = action.equals("start");
        Optional<String> name = params.optionalString("name");
        return new MariaDbLocalConfig(action, start ? Optional.of(name.orElse(params.stepId())) : name,
                params.string("host"), start ? (int) params.integer("port") : 0, params.integer("server_id"),
                params.bool("binlog"), params.bool("gtid_strict_mode"), params.bool("read_only"),
                params.bool("log_slave_updates"), params.bool("ssl"), params.string("innodb_log_file_size"),
                params.stringList("options"), params.optionalString("data_dir"),
                params.optionalString("pid"), params.bool("keep"), params.duration("startup_timeout"),
                params.duration("shutdown_timeout"));
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
        MariaDbStopper.remember(server);
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
                false, false, config.innodbLogFileSize(), List.of(), config.dataDir(), Optional.ofNullable(pid).map(String::valueOf), false,
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
        MariaDbStopper.remember(server);
        context.registerBackground(server, config.keep());
        return ProbeOutcome.done(startResult(config, commands, server), "mariadbd pid " + pid.get() + " runs on "
                + commands.dataDir() + " and accepts connections on port " + config.port());
    }
}
