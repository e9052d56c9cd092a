package io.stepwise.steps.sysbench;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.ParamDescriptor;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.Params;
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
import io.stepwise.steps.tidb.support.Binding;
import io.stepwise.steps.tidb.support.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Override
    public List<ParamDescriptor> parameters() {
        return List.of(
                ParamDescriptor.of("action", ParamType.STRING).required().allowed("prepare", "run", "cleanup")
                        .description("prepare creates and fills the tables; run writes; cleanup drops them.")
                        .example("prepare").build(),
                ParamDescriptor.of("connection", ParamType.CONNECTION).required()
                        .description("The database (host, port, user, password, database; default database test).")
                        .example("primary").build(),
                ParamDescriptor.of("command", ParamType.STRING_LIST).defaultValue(List.of("sysbench"))
                        .description("The sysbench program and its leading arguments.").build(),
                ParamDescriptor.of("workload", ParamType.STRING).defaultValue("oltp_write_only")
                        .description("The sysbench Lua workload.").build(),
                ParamDescriptor.of("tables", ParamType.INTEGER).description("--tables (the guide: 10 to prepare, 3 to"
                        + " run).").build(),
                ParamDescriptor.of("table_size", ParamType.INTEGER)
                        .description("--table-size, rows per table (prepare; the guide: 10000).").build(),
                ParamDescriptor.of("threads", ParamType.INTEGER).defaultValue(10L).description("threads=").build(),
                ParamDescriptor.of("time", ParamType.INTEGER).defaultValue(0L)
                        .description("time= in seconds; 0 runs until stopped (background only).").build(),
                ParamDescriptor.of("rate", ParamType.INTEGER).description("rate=, transactions per second (the guide:"
                        + " 100).").build(),
                ParamDescriptor.of("report_interval", ParamType.INTEGER).defaultValue(10L)
                        .description("report-interval= in seconds.").build(),
                ParamDescriptor.of("options", ParamType.MAP)
                        .description("More config-file options, such as {mysql-ignore-errors: all}.").build(),
                ParamDescriptor.of("keep", ParamType.BOOLEAN).defaultValue(false)
                        .description("background run: leave it running when the run ends.").build());
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

    @Override
    public SysbenchConfig bind(Params params) {
        return new SysbenchConfig(SysbenchConfig.Action.valueOf(params.string("action").toUpperCase(Locale.ROOT)),
                params.connection("connection"), params.stringList("command"), params.string("workload"),
                Binding.integer(params, "tables"), Binding.integer(params, "table_size"), params.integer("threads"),
                params.integer("time"), Binding.integer(params, "rate"), params.integer("report_interval"),
                params.has("options") ? params.map("options") : Map.of(),
                Binding.flag(params, "keep").orElse(false));
    }

    /** The config file, in the guide's order. */
    static String configFile(SysbenchConfig config) {
        StringBuilder text = new StringBuilder();
        var c = config.connection();
        text.append("mysql-host=").append(c.string("host", "127.0.0.1")).append('\n');
        text.append("mysql-port=").append(c.string("port", "4000")).append('\n');
        text.append("mysql-user=").append(c.string("user", "root")).append('\n');
        text.append("mysql-password=").append(c.string("password", "")).append('\n');
        text.append("db-driver=mysql\n");
        text.append("mysql-db=").append(c.string("database", "test")).append('\n');
        text.append("report-interval=").append(config.reportInterval()).append('\n');
        text.append("threads=").append(config.threads()).append('\n');
        text.append("time=").append(config.time()).append('\n');
        config.rate().ifPresent(r -> text.append("rate=").append(r).append('\n'));
        config.options().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
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
        if (config.action() == SysbenchConfig.Action.RUN && !background && config.time() == 0) {
            throw new StepFailedException("sysbench run with time 0 runs until stopped",
                    "set time to a number of seconds, or declare the step background: true");
        }
        context.actions().write(new FileAction(configPath(config, context), configFile(config), "properties"));
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
