package io.stepwise.steps.sysbench;

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
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.FileAction;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.tidb.support.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sysbench as the DR guide drives it (procedure.md 1.2-1.3): a config file with the connection and
 * the load's shape ({@code mysql-host=..}, {@code threads=10}, {@code time=0}, {@code rate=100}), then
 * {@code sysbench oltp_write_only --config-file=.. --tables=N [--table-size=N] prepare|run|cleanup}.
 * {@code run} can go to the background, where the run stops it at the end.
 */
public final class Sysbench implements StepType<SysbenchConfig> {
    private static final Pattern TPS = Pattern.compile("transactions:\\s+(\\d+)\\s+\\(([\\d.]+) per sec\\.\\)");
    private static final Pattern QPS = Pattern.compile("queries:\\s+(\\d+)\\s+\\(([\\d.]+) per sec\\.\\)");

    @Override
    public String name() {
        return "sysbench";
    }

    @Override
    public String description() {
        return "Prepares, runs (foreground or background) or cleans up a sysbench OLTP workload through a config file.";
    }

    static final Param<String> ACTION = Param.string(Param.ACTION).required().allowed("prepare", "run", "cleanup")
            .description("prepare creates and fills the tables; run writes; cleanup drops them.")
            .example("prepare");
    static final Param<String> CONNECTION = Param.connection("connection").required()
            .description("The database (host, port, user, password, database; default database test).")
            .example("primary");
    static final Param<List<String>> COMMAND = Param.stringList("command").defaultValue(List.of("sysbench"))
            .description("The sysbench program and its leading arguments.");
    static final Param<String> WORKLOAD = Param.string("workload").defaultValue("oltp_write_only")
            .description("The sysbench Lua workload.");
    static final Param<Long> TABLES = Param.integer("tables").min(1L)
            .description("--tables (the guide: 10 to prepare, 3 to run).").example(10L);
    static final Param<Long> TABLE_SIZE = Param.integer("table_size").onlyFor("prepare").min(1L)
            .description("--table-size, rows per table (prepare; the guide: 10000).").example(10_000L);
    static final Param<Long> THREADS = Param.integer("threads").defaultValue(10L).min(1L).description("threads=");
    static final Param<Long> TIME = Param.integer("time").defaultValue(0L).min(0L)
            .description("time= in seconds; 0 runs until stopped (background only).");
    static final Param<Long> RATE = Param.integer("rate").min(0L)
            .description("rate=, transactions per second (the guide: 100; 0: no cap).").example(100L);
    static final Param<Long> REPORT_INTERVAL = Param.integer("report_interval").defaultValue(10L).min(0L)
            .description("report-interval= in seconds (0: no reports).");
    static final Param<Map<String, Object>> OPTIONS = Param.map("options")
            .description("More config-file options, such as {mysql-ignore-errors: all}.")
            .example(Map.of("mysql-ignore-errors", "all"));
    static final Param<Boolean> KEEP = Param.bool("keep").onlyFor("run").defaultValue(false)
            .description("background run: leave it running when the run ends.");

    @Override
    public List<Param<?>> parameters() {
        return List.of(ACTION, CONNECTION, COMMAND, WORKLOAD, TABLES, TABLE_SIZE, THREADS, TIME, RATE, REPORT_INTERVAL,
                OPTIONS, KEEP);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("tps", ParamType.NUMBER, "Transactions per second (foreground run)."),
                OutputDescriptor.of("transactions", ParamType.INTEGER, "Transactions (foreground run)."),
                OutputDescriptor.of("qps", ParamType.NUMBER, "Queries per second (foreground run)."),
                OutputDescriptor.of("pid", ParamType.INTEGER, "The process id (background run)."),
                OutputDescriptor.of("log_file", ParamType.STRING, "Its output (background run)."));
    }

    /** The config-file options a plan gives, as sysbench must read them back (the connection's are checked at run). */
    @Override
    public void validate(ParamValues params, Problems problems) {
        if (params.literal(ACTION).filter("run"::equals).isPresent() && !params.background()
                && params.literal(TIME).filter(t -> t == 0).isPresent()) {
            problems.add(TIME.name(), "sysbench run with time 0 runs until stopped",
                    "set time to a number of seconds, or declare the step background: true");
        }
        params.literal(OPTIONS).orElse(Map.of()).forEach((key, value) ->
                lineProblem(key, String.valueOf(value)).ifPresent(p -> problems.add(OPTIONS.name(), p.message(), p.hint())));
    }

    @Override
    public SysbenchConfig bind(Params params) {
        return new SysbenchConfig(SysbenchConfig.Action.valueOf(params.get(ACTION).toUpperCase(Locale.ROOT)),
                params.connection(CONNECTION), params.get(COMMAND), params.get(WORKLOAD), params.find(TABLES),
                params.find(TABLE_SIZE), params.get(THREADS), params.get(TIME), params.find(RATE),
                params.get(REPORT_INTERVAL), params.find(OPTIONS).orElse(Map.of()), params.get(KEEP));
    }

    /** sysbench reads a config line into a 256-byte buffer (sb_options.c MAXSTRLEN); longer lines are split. */
    static final int MAX_LINE = 254;

    /** The config file, in the guide's order, every value written so sysbench reads it back whole. */
    static String configFile(SysbenchConfig config) {
        StringBuilder text = new StringBuilder();
        var c = config.connection();
        line(text, "mysql-host", c.string("host", "127.0.0.1"));
        line(text, "mysql-port", c.string("port", "4000"));
        line(text, "mysql-user", c.string("user", "root"));
        line(text, "mysql-password", c.string("password", ""));
        line(text, "db-driver", "mysql");
        line(text, "mysql-db", c.string("database", "test"));
        line(text, "report-interval", String.valueOf(config.reportInterval()));
        line(text, "threads", String.valueOf(config.threads()));
        line(text, "time", String.valueOf(config.time()));
        config.rate().ifPresent(r -> line(text, "rate", String.valueOf(r)));
        config.options().forEach((k, v) -> line(text, k, String.valueOf(v)));
        return text.toString();
    }

    private static void line(StringBuilder text, String key, String value) {
        lineProblem(key, value).ifPresent(p -> {
            throw new StepFailedException(p.message(), p.hint());
        });
        text.append(key).append('=').append(value(value)).append('\n');
    }

    /** What sysbench could not read back from a config line, and what to do. */
    record LineProblem(String message, String hint) {
    }

    /**
     * Why {@code key=value} cannot be a line of sysbench's config file: sysbench reads it line by line
     * into a 256-byte buffer (sb_options.c MAXSTRLEN) and has no escapes, so a value holding a line
     * break or both kinds of quote, or a line too long, would be cut.
     */
    static Optional<LineProblem> lineProblem(String key, String value) {
        if (value.contains("\n") || value.contains("\r")) {
            return Optional.of(new LineProblem("sysbench config value " + key + " holds a line break", "sysbench reads"
                    + " its config file line by line; choose a value without one"));
        }
        if (value.indexOf('"') >= 0 && value.indexOf('\'') >= 0) {
            return Optional.of(new LineProblem("sysbench config value " + key + " holds both ' and \"; sysbench's"
                    + " config file has no escapes, so it would be cut", "choose a value without one of the two quotes"));
        }
        int length = key.length() + 1 + value(value).length();
        if (length > MAX_LINE) {
            return Optional.of(new LineProblem("sysbench config line " + key + " is " + length
                    + " characters long; sysbench reads at most " + MAX_LINE, "shorten the value"));
        }
        return Optional.empty();
    }

    /**
     * A value as sysbench's read_config takes it (sb_options.c): unquoted, it stops at ',', whitespace
     * and '#'; in single or double quotes it runs to the next quote of the same kind, with no escapes.
     * The caller has checked it with {@link #lineProblem}.
     */
    static String value(String value) {
        boolean plain = value.chars().noneMatch(ch -> ch == ',' || ch == '#' || ch == '\'' || ch == '"'
                || Character.isWhitespace(ch));
        if (plain) {
            return value;
        }
        return value.indexOf('"') < 0 ? '"' + value + '"' : "'" + value + "'";
    }

    static Path configPath(SysbenchConfig config, StepContext context) {
        return context.runDir().resolve("sysbench-" + config.connection().name() + "-"
                + config.action().name().toLowerCase(Locale.ROOT) + ".cfg");
    }

    static ExecAction exec(SysbenchConfig config, Path configFile) {
        List<String> args = new ArrayList<>(List.of(config.workload(), Tools.flag("config-file", configFile)));
        config.tables().ifPresent(t -> args.add(Tools.flag("tables", t)));
        if (config.action() == SysbenchConfig.Action.PREPARE) {
            config.tableSize().ifPresent(s -> args.add(Tools.flag("table-size", s)));
        }
        args.add(config.action().name().toLowerCase(Locale.ROOT));
        return ExecAction.of(Tools.argv(config.command(), args));
    }

    private static void secrets(SysbenchConfig config, StepContext context) {
        config.connection().setting("password").map(String::valueOf).filter(p -> !p.isEmpty())
                .ifPresent(context::markSecret);
    }

    @Override
    public List<Action> plan(SysbenchConfig config, StepContext context) {
        secrets(config, context);
        List<Action> actions = new ArrayList<>();
        actions.add(new FileAction(configPath(config, context), configFile(config), "properties"));
        actions.add(exec(config, configPath(config, context)));
        if (config.action() == SysbenchConfig.Action.RUN && context.background()) {
            actions.add(new NoteAction("in the background; stopped when the run ends"
                    + (config.keep() ? " unless kept (keep: true)" : "")));
        }
        return actions;
    }

    @Override
    public StepResult execute(SysbenchConfig config, StepContext context) {
        secrets(config, context);
        boolean background = config.action() == SysbenchConfig.Action.RUN && context.background();
        context.actions().write(new FileAction(configPath(config, context), configFile(config), "properties"));
        ownerOnly(configPath(config, context));
        ExecAction exec = exec(config, configPath(config, context));
        Map<String, Object> values = new LinkedHashMap<>();
        if (background) {
            BackgroundProcess process = context.actions().start(exec, context.stepId());
            context.registerBackground(process, config.keep());
            context.pause(java.time.Duration.ofSeconds(1));
            if (!process.isAlive()) {
                throw new StepFailedException("sysbench run stopped at once:\n"
                        + Tools.tail(context.mask(process.outputTail(4000)), 15), "its output is in " + process.logFile());
            }
            values.put("pid", process.pid());
            values.put("log_file", process.logFile().toString());
            return new StepResult(values);
        }
        ExecResult result = Tools.runChecked(context, exec, "sysbench " + config.action().name().toLowerCase(Locale.ROOT),
                "check the connection and that the sysbench tables exist (prepare) or not yet (cleanup)");
        Matcher tps = TPS.matcher(result.stdout());
        if (tps.find()) {
            values.put("transactions", Long.parseLong(tps.group(1)));
            values.put("tps", Double.parseDouble(tps.group(2)));
        }
        Matcher qps = QPS.matcher(result.stdout());
        if (qps.find()) {
            values.put("qps", Double.parseDouble(qps.group(2)));
        }
        return new StepResult(values);
    }

    /** The file holds the password in plain text: owner read and write only (0600). */
    static void ownerOnly(Path file) {
        try {
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions
                    .fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions apply
        } catch (java.io.IOException e) {
            throw new StepFailedException("cannot make " + file + " private (0600): " + e.getMessage());
        }
    }

    @Override
    public boolean supportsBackground() {
        return true;
    }

    @Override
    public Reversibility reversibility(SysbenchConfig config) {
        // prepare and run write data, cleanup drops tables: a person decides what to undo
        return Reversibility.NEEDS_PERSON;
    }
}
