package io.stepwise.steps.tiup;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.steps.tidb.support.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local TiDB cluster from {@code tiup playground} (tidb-tooling.md section 7), started in the
 * background on explicit ports: every port must be free before the start (a busy one makes the
 * playground silently pick a random one), and the step returns once TiDB answers {@code SELECT 1}
 * and TiCDC answers {@code GET /api/v2/status} with 200 on those ports. The run stops it at the end.
 */
public final class TiupPlayground implements StepType<PlaygroundConfig> {
    @Override
    public String name() {
        return "tiup.playground";
    }

    @Override
    public String description() {
        return "Starts a tiup playground cluster in the background on explicit ports and waits for TiDB and TiCDC.";
    }

    /** The highest default port a playground binds (TiFlash 20292): every port moved by the offset stays below 65536. */
    static final long HIGHEST_DEFAULT_PORT = 20292;
    static final Param<List<String>> COMMAND = Param.stringList("command").defaultValue(List.of("tiup"))
            .description("The tiup program and its leading arguments.");
    static final Param<String> VERSION = Param.string("version").description("The TiDB version, such as v8.5.1.")
            .example("v8.5.1");
    static final Param<String> TAG = Param.string("tag")
            .description("tiup --tag (two words before the component, as tiup reads it): names the instance and keeps"
                    + " its data dir after exit; a playground started again with the same tag reuses that data.");
    static final Param<Boolean> FRESH = Param.bool("fresh").defaultValue(false)
            .description("Refuse, before tiup runs, when the tag's data dir exists: with it the playground would start"
                    + " the old cluster again (its data, its changefeeds).");
    static final Param<String> TIUP_HOME = Param.string("tiup_home")
            .description("TIUP_HOME for tiup and for the fresh check (default: $TIUP_HOME or ~/.tiup).");
    static final Param<String> HOST = Param.string("host").defaultValue("127.0.0.1")
            .description("--host: the address every component listens on.");
    static final Param<Long> DB = Param.integer("db").defaultValue(1L).min(1L).max(10L).description("TiDB instances.");
    static final Param<Long> PD = Param.integer("pd").defaultValue(1L).min(1L).max(10L).description("PD instances.");
    static final Param<Long> KV = Param.integer("kv").defaultValue(1L).min(1L).max(10L).description("TiKV instances.");
    static final Param<Long> TIFLASH = Param.integer("tiflash").defaultValue(0L).min(0L).max(10L)
            .description("TiFlash instances.");
    static final Param<Long> TICDC = Param.integer("ticdc").defaultValue(0L).min(0L).max(10L)
            .description("TiCDC instances (the playground's default is 0; 1 for an upstream).");
    static final Param<Long> PORT_OFFSET = Param.integer("port_offset").defaultValue(0L).min(0L)
            .max(65535 - HIGHEST_DEFAULT_PORT)
            .description("--port-offset: added to every default port (TiDB 4000, status 10080, PD 2379, TiKV 20160,"
                    + " TiCDC 8300, TiFlash up to 20292); give each playground on a host its own.");
    static final Param<Boolean> WITHOUT_MONITOR = Param.bool("without_monitor").defaultValue(true)
            .description("--without-monitor: no Prometheus and Grafana.");
    static final Param<List<String>> EXTRA_ARGS = Param.stringList("extra_args").description("More playground flags.");
    static final Param<Duration> READY_TIMEOUT = Param.duration("ready_timeout").defaultValue(Duration.ofMinutes(5))
            .min(Duration.ofSeconds(1)).description("How long TiDB and TiCDC may take to answer.");
    static final Param<Boolean> KEEP = Param.bool("keep").defaultValue(false)
            .description("Leave the playground running when the run ends.");

    @Override
    public List<Param<?>> parameters() {
        return List.of(COMMAND, VERSION, TAG, FRESH, TIUP_HOME, HOST, DB, PD, KV, TIFLASH, TICDC, PORT_OFFSET,
                WITHOUT_MONITOR, EXTRA_ARGS, READY_TIMEOUT, KEEP);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("tidb_host", ParamType.STRING, "The host to connect to TiDB on."),
                OutputDescriptor.of("tidb_port", ParamType.INTEGER, "TiDB's SQL port."),
                OutputDescriptor.of("tidb_status_port", ParamType.INTEGER, "TiDB's status port."),
                OutputDescriptor.of("pd_address", ParamType.STRING, "PD as host:port (br --pd)."),
                OutputDescriptor.of("ticdc_url", ParamType.STRING, "TiCDC's address (cdc.changefeed server), when"
                        + " ticdc > 0."),
                OutputDescriptor.of("pid", ParamType.INTEGER, "The playground process id."),
                OutputDescriptor.of("log_file", ParamType.STRING, "The playground's output."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        if (params.literal(FRESH).orElse(false) && !params.has(TAG)) {
            problems.add(FRESH.name(), "fresh checks the tag's data dir, and there is no tag",
                    "give a tag of its own, such as rebuilt-${run.id}");
        }
    }

    @Override
    public PlaygroundConfig bind(Params params) {
        return new PlaygroundConfig(params.get(COMMAND), params.find(VERSION), params.find(TAG), params.get(HOST),
                Math.toIntExact(params.get(DB)), Math.toIntExact(params.get(PD)), Math.toIntExact(params.get(KV)),
                Math.toIntExact(params.get(TIFLASH)), Math.toIntExact(params.get(TICDC)),
                Math.toIntExact(params.get(PORT_OFFSET)), params.get(WITHOUT_MONITOR),
                params.find(EXTRA_ARGS).orElse(List.of()), params.get(READY_TIMEOUT), params.get(KEEP), params.get(FRESH),
                params.find(TIUP_HOME));
    }

    /**
     * {@code --tag <name> playground ...}: tiup's front end reads {@code --tag}/{@code -T} only as its
     * first argument and with the value as a separate word (tiup {@code cmd/root.go}); a first argument
     * {@code --tag=name} would be taken for a component of that name.
     */
    static List<String> args(PlaygroundConfig config) {
        List<String> args = new ArrayList<>();
        config.tag().ifPresent(tag -> {
            args.add("--tag");
            args.add(tag);
        });
        args.add("playground");
        config.version().ifPresent(args::add);
        args.add(Tools.flag("host", config.host()));
        args.add(Tools.flag("db", config.db()));
        args.add(Tools.flag("pd", config.pd()));
        args.add(Tools.flag("kv", config.kv()));
        args.add(Tools.flag("tiflash", config.tiflash()));
        args.add(Tools.flag("ticdc", config.ticdc()));
        args.add(Tools.flag("port-offset", config.portOffset()));
        if (config.withoutMonitor()) {
            args.add("--without-monitor");
        }
        args.addAll(config.extraArgs());
        return args;
    }

    static ExecAction start(PlaygroundConfig config) {
        Map<String, String> env = new LinkedHashMap<>();
        config.tiupHome().ifPresent(home -> env.put("TIUP_HOME", home));
        return new ExecAction(Tools.argv(config.command(), args(config)), env, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static SqlAction tidbProbe(PlaygroundConfig config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", config.connectHost());
        settings.put("port", config.tidbPort());
        settings.put("user", "root");
        return new SqlAction(new ConnectionInfo("playground-tidb-" + config.tidbPort(), "mysql", settings),
                SqlText.of("SELECT 1"));
    }

    static HttpAction ticdcProbe(PlaygroundConfig config) {
        return new HttpAction("GET", ticdcUrl(config) + "/api/v2/status", Map.of(), Optional.empty(),
                Optional.of(Duration.ofSeconds(5)));
    }

    static String ticdcUrl(PlaygroundConfig config) {
        return "http://" + config.connectHost() + ":" + config.ticdcPort();
    }

    @Override
    public List<Action> plan(PlaygroundConfig config, StepContext context) {
        List<Action> actions = new ArrayList<>();
        if (config.fresh()) {
            String dir = config.tiupHome().map(h -> h + "/data/").orElse("${TIUP_HOME:-~/.tiup}/data/")
                    + config.tag().orElse("?");
            actions.add(new NoteAction("refuse when " + dir + " exists: a playground with that tag would start the"
                    + " old cluster again"));
        }
        actions.add(new NoteAction("check that ports " + config.ports() + " are free on " + config.connectHost()
                + " and on 0.0.0.0"));
        actions.add(start(config));
        actions.add(tidbProbe(config));
        if (config.ticdc() > 0) {
            actions.add(ticdcProbe(config));
        }
        actions.add(new NoteAction("repeat the probes until they answer (at most " + config.readyTimeout().toSeconds()
                + "s); stop the playground when the run ends" + (config.keep() ? " unless kept (keep: true)" : "")));
        return actions;
    }

    @Override
    public StepResult execute(PlaygroundConfig config, StepContext context) {
        checkFresh(config);
        checkPortsFree(config);
        BackgroundProcess process = context.actions().start(start(config), context.stepId());
        context.registerBackground(process, config.keep());
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        boolean tidb = false;
        boolean ticdc = config.ticdc() == 0;
        while (!(tidb && ticdc)) {
            if (!process.isAlive()) {
                throw new StepFailedException("tiup playground exited before it was ready:\n"
                        + Tools.tail(context.mask(process.outputTail(4000)), 15), "its output is in " + process.logFile());
            }
            tidb = tidb || answers(() -> context.actions().sql(tidbProbe(config)));
            ticdc = ticdc || answers(() -> context.actions().http(ticdcProbe(config)).status() == 200);
            if (tidb && ticdc) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailedException("the playground was not ready within " + config.readyTimeout().toSeconds()
                        + "s: TiDB " + (tidb ? "answers" : "does not answer") + " on " + config.tidbPort()
                        + (config.ticdc() > 0 ? ", TiCDC " + (ticdc ? "answers" : "is not ready") + " on "
                        + config.ticdcPort() : ""), "its output is in " + process.logFile()
                        + "; raise ready_timeout for a first download");
            }
            context.progress("waiting for " + (tidb ? "" : "TiDB on " + config.tidbPort() + " ")
                    + (ticdc ? "" : "TiCDC on " + config.ticdcPort()));
            context.pause(Duration.ofSeconds(1));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("tidb_host", config.connectHost());
        values.put("tidb_port", config.tidbPort());
        values.put("tidb_status_port", config.tidbStatusPort());
        values.put("pd_address", config.connectHost() + ":" + config.pdPort());
        values.put("ticdc_url", config.ticdc() > 0 ? ticdcUrl(config) : null);
        values.put("pid", process.pid());
        values.put("log_file", process.logFile().toString());
        return new StepResult(values);
    }

    private static boolean answers(java.util.function.BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (StepFailedException e) {
            return false;
        }
    }

    private static boolean answers(Runnable probe) {
        return answers(() -> {
            probe.run();
            return true;
        });
    }

    /** Refuses a tag whose data dir exists (tidb-tooling.md 9, item 3): that is the old cluster, not a new one. */
    static void checkFresh(PlaygroundConfig config) {
        if (!config.fresh()) {
            return;
        }
        java.nio.file.Path dir = config.dataDir().orElseThrow(() -> new StepFailedException("fresh needs a tag"));
        if (java.nio.file.Files.exists(dir)) {
            throw new StepFailedException("the data dir of tag '" + config.tag().orElseThrow() + "' exists (" + dir
                    + "): a playground with this tag would start that cluster again, with its old data and its old"
                    + " changefeeds writing to their downstream", "give a new tag; remove the old dir (tiup clean "
                    + config.tag().orElseThrow() + ") only once its changefeed's redo log was applied");
        }
    }

    /**
     * Refuses busy ports: the playground would silently move to random ones (tidb-tooling.md 7, 8.10).
     * Each port is tried on the connect host and on 0.0.0.0, since TiDB's status port and the control
     * port bind every address (tidb-tooling.md 9, item 13).
     */
    static void checkPortsFree(PlaygroundConfig config) {
        List<Integer> busy = new ArrayList<>();
        for (int port : config.ports()) {
            if (!free(config.connectHost(), port) || !free("0.0.0.0", port)) {
                busy.add(port);
            }
        }
        if (!busy.isEmpty()) {
            throw new StepFailedException("ports " + busy + " are busy on " + config.connectHost() + " or 0.0.0.0"
                    + "; tiup playground would silently pick random ports instead",
                    "stop what listens there, or choose another port_offset");
        }
    }

    private static boolean free(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean supportsBackground() {
        return true;
    }

    @Override
    public Reversibility reversibility(PlaygroundConfig config) {
        // the run stops the registered process; nothing else to undo
        return Reversibility.NOTHING_TO_UNDO;
    }
}
