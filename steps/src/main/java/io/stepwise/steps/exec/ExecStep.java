package io.stepwise.steps.exec;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.support.Texts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code exec}: runs a command from an argv (no shell) or a script ({@code /bin/sh -ec}), checks its
 * exit code, and publishes stdout, stderr, exit_code, extracted values and parsed JSON. With
 * {@code background: true} it starts the process, waits until it is {@code ready} and leaves it to
 * the run, which stops it at the end unless {@code keep} is set.
 */
public final class ExecStep implements StepType<ExecConfig> {

    static final Param<List<String>> COMMAND = Param.stringList("command")
            .description("The argv: the program and its arguments, passed as is (no shell); a program named by a relative path (./helper.sh) is relative to the plan's directory. Give command or script.")
            .example(List.of("mysqladmin", "--host=127.0.0.1", "ping"))
            .check(argv -> !argv.isEmpty(), "must not be empty");
    static final Param<String> SCRIPT = Param.text("script")
            .description("A shell script run as /bin/sh -ec <script>: it stops at the first failing command.")
            .example("mysqladmin ping\necho ok")
            .check(script -> !script.isBlank(), "must not be blank");
    static final Param<Map<String, Object>> ENV = Param.map("env")
            .description("Environment variables added to the inherited environment.")
            .example(Map.of("MYSQL_PWD", "${inputs.password}"));
    static final Param<String> CWD = Param.string("cwd")
            .description("The working directory; a relative one is relative to the plan's directory.")
            .example("/var/backups");
    static final Param<String> STDIN = Param.text("stdin")
            .description("Text written to the process's standard input, which is then closed.")
            .example("SELECT 1;");
    static final Param<Duration> TIMEOUT = Param.duration("timeout").min(Duration.ofMillis(1))
            .description("Stops the process (SIGTERM, then SIGKILL, with its descendants) and fails the step after this long; "
                    + "for background steps see ready_timeout.")
            .example(Duration.ofMinutes(10));
    static final Param<List<Object>> EXPECT_EXIT = Param.list("expect_exit").defaultValue(List.of(0L))
            .description("The exit codes that count as success.")
            .example(List.of(0L, 1L))
            .check(codes -> codes.stream().allMatch(ExecRules::isExitCode), "must hold exit codes, whole numbers from 0 to 255");
    static final Param<Map<String, Object>> EXTRACT = Param.map("extract")
            .description("Values to pull out of stdout: name -> regex with one capture group; each name becomes a "
                    + "result value. A regex that does not match fails the step.")
            .example(Map.of("version", "Ver ([0-9.]+)"))
            .check(ExecRules::namesAreSnakeCase, "must map snake_case names to regular expressions")
            .check(ExecRules::namesAreFree, "must not use the names of exec's own results ("
                    + String.join(", ", ExecRules.RESERVED) + ")")
            .check(ExecRules::regexesHaveOneGroup, "must hold regular expressions that compile, each with exactly one"
                    + " capture group, such as 'Ver ([0-9.]+)'");
    static final Param<Boolean> PARSE_JSON = Param.bool("parse_json").defaultValue(false)
            .description("Parse stdout as JSON into result.json; output that is not JSON fails the step.")
            .example(true);
    static final Param<Boolean> IDEMPOTENT = Param.bool("idempotent").defaultValue(false)
            .description("Declares that running the command twice is harmless, so resume may rerun it after a crash.")
            .example(true);
    static final Param<Map<String, Object>> READY = Param.map("ready")
            .description("With background: true, when the process counts as ready: {port: 3306} (or host:port) "
                    + "accepts a TCP connection, {log: regex} matches a line of its output, or {http: url, status: 200} answers.")
            .example(Map.of("port", 3306L))
            .check(Readiness::hasKnownKeys, "must use only the keys port, log, http and status")
            .check(Readiness::hasOneKind, "must give exactly one of port, log or http (status goes with http)")
            .check(Readiness::portIsValid, "must give as port a port from 1 to 65535, or host:port")
            .check(Readiness::logIsValid, "must give as log a regular expression that compiles")
            .check(Readiness::httpIsValid, "must give as http an http:// or https:// URL, and as status an HTTP status"
                    + " from 100 to 599");
    static final Param<Duration> READY_TIMEOUT = Param.duration("ready_timeout").defaultValue(Duration.ofSeconds(60))
            .min(Duration.ofMillis(1))
            .description("With background: true, how long to wait for ready before stopping the process and failing.")
            .example(Duration.ofMinutes(2));
    static final Param<Boolean> KEEP = Param.bool("keep").defaultValue(false)
            .description("With background: true, leave the process running when the run ends (rollback still stops it).")
            .example(true);

    private static final List<Param<?>> PARAMETERS = List.of(COMMAND, SCRIPT, ENV, CWD, STDIN, TIMEOUT, EXPECT_EXIT,
            EXTRACT, PARSE_JSON, IDEMPOTENT, READY, READY_TIMEOUT, KEEP);

    private static final List<OutputDescriptor> OUTPUTS = List.of(
            OutputDescriptor.of("stdout", ParamType.TEXT, "Standard output without its final line breaks: whole up to 4 Mi "
                    + "characters, beyond that the first 1 Mi and the last 3 Mi around a line saying how much is left out; "
                    + "the run's log file has all of it (extract searches all of it)."),
            OutputDescriptor.of("stderr", ParamType.TEXT, "Standard error without its final line breaks, kept as stdout is."),
            OutputDescriptor.of("exit_code", ParamType.INTEGER, "The exit code."),
            OutputDescriptor.of("json", ParamType.ANY, "stdout parsed as JSON when parse_json is true, else null."),
            OutputDescriptor.of("pid", ParamType.INTEGER, "With background: true, the process id."),
            OutputDescriptor.of("log_file", ParamType.STRING, "With background: true, the file receiving its output."));

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public String description() {
        return "Runs a command (argv, no shell) or a shell script; checks the exit code, captures and extracts output; "
                + "can start a background process and wait until it is ready.";
    }

    @Override
    public List<Param<?>> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return OUTPUTS;
    }

    /** Each name under {@code extract} is an output too: {@code ${steps.<id>.<name>}}. */
    @Override
    public Set<String> namedOutputs(ParamValues params) {
        return params.literal(EXTRACT).<Set<String>>map(extract -> new LinkedHashSet<>(extract.keySet())).orElse(Set.of());
    }

    @Override
    public boolean supportsBackground() {
        return true;
    }

    /** {@code ready} and {@code keep} mean something only to a process left running: said before the run, not during it. */
    @Override
    public void validate(ParamValues values, Problems problems) {
        if (!values.background()) {
            if (values.has(READY)) {
                problems.add(READY.name(), "'ready' applies only to a step with background: true",
                        "add background: true to the step, or remove ready");
            }
            if (values.literal(KEEP).orElse(false)) {
                problems.add(KEEP.name(), "'keep' applies only to a step with background: true",
                        "add background: true to the step, or remove keep");
            }
        }
    }

    @Override
    public List<List<String>> exactlyOneOf() {
        return List.of(List.of(COMMAND.name(), SCRIPT.name()));
    }

    @Override
    public ExecConfig bind(Params params) {
        return ExecRules.bind(params);
    }

    @Override
    public List<Action> plan(ExecConfig config, StepContext context) {
        if (!context.background()) {
            return List.of(action(config, config.timeout(), context));
        }
        String readiness = config.ready().map(r -> "ready when " + readyText(r) + " (within "
                + Texts.duration(config.readyTimeout()) + ")").orElse("ready once started");
        return List.of(action(config, Optional.empty(), context), new NoteAction("in the background, output to logs/"
                + context.stepId() + ".log; " + readiness + (config.keep() ? "; kept running after the run" : "")));
    }

    private static String readyText(Readiness ready) {
        if (ready instanceof Readiness.Port port) {
            return port.describe() + " accepts connections";
        }
        if (ready instanceof Readiness.Log) {
            return "its output matches " + ready.describe().substring("log ".length());
        }
        return ready.describe();
    }

    /**
     * The action, with relative paths resolved against the plan's directory (as Ansible resolves
     * against the playbook): {@code cwd}, and a program named by a path ({@code ./helper.sh}, not
     * {@code echo}, which is looked up on PATH).
     */
    private static ExecAction action(ExecConfig config, Optional<java.time.Duration> timeout, StepContext context) {
        java.nio.file.Path planDir = context.planDir();
        List<String> argv = config.argv();
        String program = argv.get(0);
        if (!config.script() && program.contains("/") && !java.nio.file.Path.of(program).isAbsolute()) {
            List<String> resolved = new java.util.ArrayList<>(argv);
            resolved.set(0, planDir.resolve(program).normalize().toString());
            argv = resolved;
        }
        Optional<java.nio.file.Path> cwd = config.cwd().map(c -> c.isAbsolute() ? c : planDir.resolve(c).normalize());
        return new ExecAction(argv, config.env(), cwd, config.stdin(), timeout, config.extract());
    }

    @Override
    public StepResult execute(ExecConfig config, StepContext context) {
        if (context.background()) {
            return startInBackground(config, context);
        }
        ExecResult result = context.actions().exec(action(config, config.timeout(), context));
        return ExecOutcome.of(config, result, context);
    }

    private static StepResult startInBackground(ExecConfig config, StepContext context) {
        BackgroundProcess process = context.actions().start(action(config, Optional.empty(), context), context.stepId());
        context.registerBackground(process, config.keep());
        try {
            config.ready().ifPresent(ready -> new ReadinessWait(process, ready, context)
                    .await(config.readyTimeout(), ExecOutcome.what(config)));
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("pid", process.pid());
        values.put("log_file", process.logFile().toString());
        return new StepResult(values);
    }

    @Override
    public Reversibility reversibility(ExecConfig config) {
        return Reversibility.NEEDS_PERSON;
    }

    @Override
    public boolean idempotent(ExecConfig config) {
        return config.declaredIdempotent();
    }
}
