package io.stepwise.steps.tiup;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamDescriptor;
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
import io.stepwise.steps.tidb.support.Binding;
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

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                ParamDescriptor.of("command", ParamType.STRING_LIST).defaultValue(List.of("tiup"))
                        .description("The tiup program and its leading arguments.").build(),
                ParamDescriptor.of("version", ParamType.STRING).description("The TiDB version, such as v8.5.1.").build(),
                ParamDescriptor.of("tag", ParamType.STRING).description("tiup --tag (two words before the"
                        + " component, as tiup reads it): names the instance and keeps its data dir after exit; a"
                        + " playground started again with the same tag reuses that data.").build(),
                ParamDescriptor.of("fresh", ParamType.BOOLEAN).defaultValue(false)
                        .description("Refuse, before tiup runs, when the tag's data dir exists: with it the"
                                + " playground would start the old cluster again (its data, its changefeeds).")
                        .build(),
                ParamDescriptor.of("tiup_home", ParamType.STRING)
                        .description("TIUP_HOME for tiup and for the fresh check (default: $TIUP_HOME or ~/.tiup).")
                        .build(),
                ParamDescriptor.of("host", ParamType.STRING).defaultValue("127.0.0.1")
                        .description("--host: the address every component listens on.").build(),
                ParamDescriptor.of("db", ParamType.INTEGER).defaultValue(1L).description("TiDB instances.").build(),
                ParamDescriptor.of("pd", ParamType.INTEGER).defaultValue(1L).description("PD instances.").build(),
                ParamDescriptor.of("kv", ParamType.INTEGER).defaultValue(1L).description("TiKV instances.").build(),
                ParamDescriptor.of("tiflash", ParamType.INTEGER).defaultValue(0L).description("TiFlash instances.").build(),
                ParamDescriptor.of("ticdc", ParamType.INTEGER).defaultValue(0L)
                        .description("TiCDC instances (the playground's default is 0; 1 for an upstream).").build(),
                ParamDescriptor.of("port_offset", ParamType.INTEGER).defaultValue(0L)
                        .description("--port-offset: added to every default port (TiDB 4000, status 10080, PD 2379,"
                                + " TiKV 20160, TiCDC 8300); give each playground on a host its own.").build(),
                ParamDescriptor.of("without_monitor", ParamType.BOOLEAN).defaultValue(true)
                        .description("--without-monitor: no Prometheus and Grafana.").build(),
                ParamDescriptor.of("extra_args", ParamType.STRING_LIST).description("More playground flags.").build(),
                ParamDescriptor.of("ready_timeout", ParamType.DURATION).defaultValue("5m")
                        .description("How long TiDB and TiCDC may take to answer.").build(),
                ParamDescriptor.of("keep", ParamType.BOOLEAN).defaultValue(false)
                        .description("Leave the playground running when the run ends.").build());
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
        if (params.literal("fresh").map(Boolean.TRUE::equals).orElse(false) && !params.has("tag")) {
            problems.add("fresh", "fresh checks the tag's data dir, and there is no tag",
                    "give a tag of its own, such as rebuilt-${run.id}");
        }
        params.literal("port_offset").ifPresent(v -> {
            long offset = v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v));
            if (offset < 0 || 20292 + offset > 65535) {
                problems.add("port_offset", "port_offset " + offset + " puts ports outside 1-65535");
            }
        });
    }

    @Override
    public PlaygroundConfig bind(Params params) {
        return new PlaygroundConfig(params.stringList("command"), params.optionalString("version"),
                params.optionalString("tag"), params.string("host"), (int) params.integer("db"),
                (int) params.integer("pd"), (int) params.integer("kv"), (int) params.integer("tiflash"),
                (int) params.integer("ticdc"), (int) params.integer("port_offset"),
                Binding.flag(params, "without_monitor").orElse(true), Binding.list(params, "extra_args"),
                params.duration("ready_timeout"), Binding.flag(params, "keep").orElse(false),
                Binding.flag(params, "fresh").orElse(false), params.optionalString("tiup_home"));
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
