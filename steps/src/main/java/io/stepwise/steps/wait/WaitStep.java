package io.stepwise.steps.wait;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.NestedStep;
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
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.support.Texts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wait}: runs a nested check step every {@code interval} until {@code until} holds over its
 * result, showing the last value seen; fails at {@code timeout} with that value. A failing check
 * counts as "not yet" unless {@code tolerate_failures} is false.
 */
public final class WaitStep implements StepType<WaitConfig> {
    static final Param<NestedStep> CHECK = Param.step("check").required()
            .description("The step run on each try: {type: ..., with: {...}}, usually a read (sql, http, exec).")
            .example(NestedStep.example("sql", ordered("connection", "replica", "query", "SELECT COUNT(*) AS n FROM orders")));
    static final Param<String> UNTIL = Param.string("until").required()
            .description("An expression over result (the check's values) and the run's values, evaluated after "
                    + "each try; the wait ends when it is true. Written without ${...}.")
            .example("result.rows[0].n >= 10").check(until -> !until.isBlank(), "must not be blank");
    static final Param<Duration> INTERVAL = Param.duration("interval").defaultValue(Duration.ofSeconds(2))
            .min(Duration.ofMillis(1)).description("The pause between tries.").example(Duration.ofSeconds(5));
    static final Param<Duration> TIMEOUT = Param.duration("timeout").defaultValue(Duration.ofMinutes(5))
            .description("How long to keep trying before failing with the last value seen; at least the interval.")
            .example(Duration.ofMinutes(30));
    static final Param<Boolean> TOLERATE_FAILURES = Param.bool("tolerate_failures").defaultValue(true)
            .description("Treat a failing check (server not up yet) as not ready and try again; "
                    + "false fails the wait at the first failing check.")
            .example(false);

    private static final List<OutputDescriptor> OUTPUTS = List.of(
            OutputDescriptor.of("result", ParamType.MAP, "The values of the last check, the one that satisfied until."),
            OutputDescriptor.of("attempts", ParamType.INTEGER, "How many times the check ran."),
            OutputDescriptor.of("waited_ms", ParamType.INTEGER, "How long the wait took, in milliseconds."));

    /** A mapping that keeps its keys in the order given, as the example is shown. */
    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return java.util.Collections.unmodifiableMap(map);
    }


    @Override
    public String name() {
        return "wait";
    }

    @Override
    public String description() {
        return "Polls a nested check step until an expression over its result holds, with progress and a timeout.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(CHECK, UNTIL, INTERVAL, TIMEOUT, TOLERATE_FAILURES);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return OUTPUTS;
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        if (params.isExpression(UNTIL)) {
            problems.add(UNTIL.name(), "until is evaluated after each try, so write it without ${...}",
                    "refer to values directly: result.rows[0].n >= inputs.expected");
        }
        Optional<Duration> interval = params.literal(INTERVAL);
        params.literal(TIMEOUT).filter(timeout -> interval.filter(i -> timeout.compareTo(i) < 0).isPresent())
                .ifPresent(timeout -> problems.add(TIMEOUT.name(), "timeout (" + Texts.duration(timeout)
                        + ") must be at least the interval (" + Texts.duration(interval.orElseThrow()) + ")",
                        "raise timeout or shorten interval"));
    }

    @Override
    public WaitConfig bind(Params params) {
        return new WaitConfig(params.get(CHECK), params.get(UNTIL), params.get(INTERVAL), params.get(TIMEOUT),
                params.get(TOLERATE_FAILURES));
    }

    @Override
    public List<Action> plan(WaitConfig config, StepContext context) {
        return List.of(new NoteAction("run the " + config.check().type() + " check every "
                + Texts.duration(config.interval()) + " until " + config.until() + " (up to "
                + Texts.duration(config.timeout()) + ")"));
    }

    @Override
    public StepResult execute(WaitConfig config, StepContext context) {
        long started = System.nanoTime();
        long deadline = started + config.timeout().toNanos();
        String last = "nothing yet";
        for (int attempt = 1; ; attempt++) {
            Try tried = attempt(config, context);
            if (tried.done()) {
                return result(tried.result(), attempt, started);
            }
            last = tried.shown();
            context.progress("waiting until " + config.until() + "; last: " + last);
            if (System.nanoTime() + config.interval().toNanos() > deadline) {
                throw new StepFailedException(context.mask("gave up after " + Texts.duration(config.timeout()) + " and "
                        + attempt + (attempt == 1 ? " try" : " tries") + ": " + config.until() + " still does not hold; last: "
                        + last), "raise timeout, or check why it does not converge");
            }
            context.pause(config.interval());
        }
    }

    /** One try: the check's result, whether until holds, and what to show. */
    private record Try(StepResult result, boolean done, String shown) {
    }

    private static Try attempt(WaitConfig config, StepContext context) {
        StepResult result;
        try {
            result = context.runNested(config.check());
        } catch (StepFailedException e) {
            if (!config.tolerateFailures()) {
                throw e;
            }
            return new Try(StepResult.EMPTY, false, context.mask("check failed: " + Texts.shorten(e.getMessage(), 120)));
        }
        try {
            boolean done = Conditions.truth(context.evaluate(config.until(), result));
            return new Try(result, done, done ? "" : Conditions.lastSeen(config.until(), result, context));
        } catch (RuntimeException e) {
            return new Try(result, false, context.mask("cannot evaluate until: " + Texts.shorten(e.getMessage(), 120)));
        }
    }

    private static StepResult result(StepResult last, int attempts, long started) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("result", last.values());
        values.put("attempts", attempts);
        values.put("waited_ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new StepResult(values);
    }

    @Override
    public Reversibility reversibility(WaitConfig config) {
        return Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public boolean idempotent(WaitConfig config) {
        return true;
    }
}
