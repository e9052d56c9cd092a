package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.internal.expr.ExpressionException;
import io.stepwise.engine.internal.expr.Deferred;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.Truth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one template every step runs in: when, confirm, attempts with retry, until, timeout, capture,
 * journal and events. Step types only bind, plan and execute.
 */
final class StepExecutor implements LiveStepContext.StepInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(StepExecutor.class);
    private static final Duration DEFAULT_UNTIL_TIMEOUT = Duration.ofMinutes(10);

    enum Outcome { COMPLETED, SKIPPED, FAILED, INTERRUPTED }

    private final RunSession session;

    StepExecutor(RunSession session) {
        this.session = session;
    }

    Outcome run(StepDef step, int index, int total) {
        MDC.put("step", step.id());
        try {
            return runGuarded(step, index, total);
        } finally {
            MDC.remove("step");
        }
    }

    private Outcome runGuarded(StepDef step, int index, int total) {
        Map<String, Object> position = Map.of("index", index + 1, "total", total, "type", step.type());
        if (step.when().isPresent()) {
            boolean run;
            try {
                run = Truth.of(session.resolver.condition(step.when().get(), null));
            } catch (ExpressionException e) {
                return fail(step, 1, Duration.ZERO, "when: " + e.getMessage(), null, e);
            }
            if (!run) {
                String reason = "when " + step.when().get().value() + " is false";
                session.record(new JournalEntry.StepSkipped(step.id(), reason));
                session.emit(RunEvent.Kind.STEP_SKIPPED, step.id(), reason, Duration.ZERO, position);
                return Outcome.SKIPPED;
            }
        }
        if (step.confirm().isPresent()) {
            String question = String.valueOf(session.resolver.text(step.confirm().get(), null));
            session.emit(RunEvent.Kind.CONFIRMATION, step.id(), question, Duration.ZERO, position);
            boolean yes = session.options.confirmer().confirm(step.id(), session.masker.mask(question));
            session.record(new JournalEntry.Confirmed(step.id(), yes ? "yes" : "no", session.options.confirmer().who()));
            if (!yes) {
                throw new StepwiseException(ErrorCode.INTERRUPTED, "step '" + step.id() + "' was not confirmed; nothing was done",
                        "when ready: stepwise resume " + session.runId);
            }
        }
        StepType<?> type = session.registry.get(step.type());
        int attempt = 0;
        while (true) {
            attempt++;
            long start = System.nanoTime();
            session.record(new JournalEntry.StepStarted(step.id(), attempt, StepChecksums.of(step)));
            Map<String, Object> startData = new LinkedHashMap<>(position);
            startData.put("attempt", attempt);
            startData.put("description", step.description());
            session.emit(RunEvent.Kind.STEP_STARTED, step.id(), step.description(), Duration.ZERO, startData);
            try {
                Map<String, Object> values = attempt(step, type);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                session.noteEndedBackground(step.id());
                complete(step, values, took, attempt, position);
                return Outcome.COMPLETED;
            } catch (StepInterruptedException | StepFailure e) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                session.noteEndedBackground(step.id());
                if (session.runInterrupted()) {
                    // whatever the step threw while it was being stopped (an SDK's "thread was interrupted",
                    // a JDBC error on a cancelled statement) is the interrupt, not a failure
                    return interrupted(step, took, e);
                }
                String message = e instanceof StepFailure ? e.getMessage()
                        : "timed out after " + Durations.format(step.timeout().orElse(took));
                String hint = e instanceof StepFailure f ? f.hint : "raise timeout: or check what the step waits for";
                if (!retry(step, attempt, message)) {
                    if (session.runInterrupted()) {
                        return interrupted(step, took, e);
                    }
                    return fail(step, attempt, took, message, hint, e);
                }
            } finally {
                session.setStepDeadline(Optional.empty());
            }
        }
    }

    private boolean retry(StepDef step, int attempt, String error) {
        if (attempt >= step.retry().attempts() || session.runInterrupted()) {
            return false;
        }
        Duration delay = step.retry().delayBefore(attempt + 1);
        session.record(new JournalEntry.StepFailed(step.id(), session.masker.mask(error), null, attempt, false, null));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempt", attempt);
        data.put("attempts", step.retry().attempts());
        data.put("next_attempt", attempt + 1);
        data.put("delay_ms", delay.toMillis());
        data.put("error", session.masker.mask(error));
        session.emit(RunEvent.Kind.STEP_RETRYING, step.id(), "attempt " + attempt + " of " + step.retry().attempts()
                + " failed: " + error + "; retrying in " + Durations.format(delay), Duration.ZERO, data);
        sleep(delay);
        return !session.runInterrupted();
    }

    private void sleep(Duration delay) {
        long end = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() - end < 0 && !session.runInterrupted()) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Outcome interrupted(StepDef step, Duration took, RuntimeException cause) {
        LOG.info("step {} interrupted: {}", step.id(), session.masker.mask(String.valueOf(cause.getMessage())));
        session.record(new JournalEntry.StepInterrupted(step.id(), "interrupted", took.toMillis()));
        session.emit(RunEvent.Kind.STEP_FAILED, step.id(), "interrupted", took, Map.of("interrupted", true));
        return Outcome.INTERRUPTED;
    }

    private Outcome fail(StepDef step, int attempt, Duration took, String message, String hint, Throwable cause) {
        String masked = session.masker.mask(message);
        session.record(new JournalEntry.StepFailed(step.id(), masked, hint == null ? null : session.masker.mask(hint),
                attempt, true, took.toMillis()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("position", step.position().toString());
        if (hint != null) {
            data.put("hint", session.masker.mask(hint));
        }
        session.emit(RunEvent.Kind.STEP_FAILED, step.id(), masked, took, data);
        LOG.info("step {} failed: {}", step.id(), masked);
        if (cause != null && LOG.isDebugEnabled()) {
            LOG.debug("step {} failed with", step.id(), Masker.scrub(cause, session.masker::mask));
        }
        return Outcome.FAILED;
    }

    /** One attempt: execute (repeated while until does not hold), then capture. */
    private Map<String, Object> attempt(StepDef step, StepType<?> type) {
        Optional<Duration> timeout = step.timeout().or(() -> step.until().map(u -> DEFAULT_UNTIL_TIMEOUT));
        session.setStepDeadline(timeout);
        LiveStepContext context = new LiveStepContext(session, step.id(), step.background(), this);
        long start = System.nanoTime();
        int tries = 0;
        StepResult result;
        while (true) {
            tries++;
            result = invoke(type, step.with(), step.id(), context);
            if (step.until().isEmpty()) {
                break;
            }
            Object holds;
            try {
                holds = session.resolver.condition(step.until().get(), result);
            } catch (ExpressionException e) {
                throw new StepFailure("until: " + e.getMessage(), null, e);
            }
            if (Truth.of(holds)) {
                break;
            }
            context.progress("waiting until " + step.until().get().value() + " (try " + tries + ", "
                    + Durations.format(Duration.ofNanos(System.nanoTime() - start)) + "); last: "
                    + summary(result));
            context.pause(step.interval());
        }
        return values(step, type, result);
    }

    private Map<String, Object> values(StepDef step, StepType<?> type, StepResult result) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OutputDescriptor output : type.outputs()) {
            Object value = result.values().get(output.name());
            values.put(output.name(), value);
            if (output.secret() && value != null) {
                session.masker.add(value);
            }
        }
        for (String name : type.namedOutputs(new NodeParamValues(step.with()))) {
            values.putIfAbsent(name, result.values().get(name));
        }
        for (Map.Entry<String, PlanNode.Scalar> capture : step.capture().entrySet()) {
            String text = String.valueOf(capture.getValue().value());
            try {
                Object value = text.contains("${") ? session.resolver.text(text, result)
                        : session.resolver.expression(text, result);
                values.put(capture.getKey(), value);
            } catch (ExpressionException e) {
                throw new StepFailure("capture '" + capture.getKey() + "': " + e.getMessage(),
                        "the step's result has: " + String.join(", ", result.values().keySet()), e);
            }
        }
        return values;
    }

    private void complete(StepDef step, Map<String, Object> values, Duration took, int attempts,
            Map<String, Object> position) {
        List<String> secretKeys = new ArrayList<>();
        Map<String, Object> journaled = JournaledValues.forJournal(session.masker, values, secretKeys);
        session.scope.setStepValues(step.id(), values);
        session.record(new JournalEntry.StepCompleted(step.id(), journaled, secretKeys, took.toMillis(), attempts, null));
        Map<String, Object> data = new LinkedHashMap<>(position);
        data.put("outputs", session.masker.maskValue(values));
        session.emit(RunEvent.Kind.STEP_COMPLETED, step.id(), "", took, data);
    }

    /** Resolves, binds and executes a step type with the given parameters. */
    StepResult invoke(StepType<?> type, PlanNode.Mapping with, String path, StepContext context) {
        Map<String, Object> values;
        try {
            values = session.resolver.resolveParams(type.parameters(), with, path, null);
        } catch (ExpressionException e) {
            throw new StepFailure(e.getMessage(), null, e);
        }
        findDeferred(values).ifPresent(d -> {
            throw new StepFailure("value " + d + " is not available in this run", JournaledValues.producer(d)
                    .map(p -> "it holds a secret that has no source to rebuild it from; run its step again: stepwise resume "
                            + session.runId + " --rerun " + p).orElse("it was not kept in the journal"));
        });
        return execute(type, new ResolvedParams(path, type.parameters(), values, session::connection), context);
    }

    private <C> StepResult execute(StepType<C> type, ResolvedParams params, StepContext context) {
        C config;
        try {
            config = StepBinding.checkedBind(type, params.inBackground(context.background()));
        } catch (IllegalArgumentException e) {
            throw new StepFailure("invalid parameters: " + e.getMessage(), "see: stepwise steps " + type.name(), e);
        }
        try {
            StepResult result = type.execute(config, context);
            return result == null ? StepResult.EMPTY : result;
        } catch (StepFailedException e) {
            throw new StepFailure(e.getMessage(), e.hint().orElse(null), e);
        } catch (StepInterruptedException e) {
            throw e;
        } catch (StepwiseException e) {
            throw new StepFailure(e.getMessage(), e.hint().orElse(null), e);
        } catch (ExpressionException e) {
            throw new StepFailure(e.getMessage(), null, e);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                session.interrupted.set(true);
            }
            if (session.isInterrupted()) {
                throw new StepInterruptedException(String.valueOf(e.getMessage()));
            }
            // the stack trace is logged with the failure, at debug (--debug), masked
            LOG.warn("step type {} failed unexpectedly: {}", type.name(), session.masker.mask(String.valueOf(e)));
            throw new StepFailure(type.name() + " failed: " + e, "this looks like a defect in the step type; run with --debug", e);
        }
    }

    @Override
    public StepResult invokeNested(NestedStep step, LiveStepContext parent) {
        StepType<?> type = session.registry.get(step.type());
        return invoke(type, step.with(), step.path(), parent);
    }

    private static Optional<Deferred> findDeferred(Object value) {
        if (value instanceof Deferred d) {
            return Optional.of(d);
        }
        if (value instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                Optional<Deferred> found = findDeferred(v);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (value instanceof List<?> list) {
            for (Object v : list) {
                Optional<Deferred> found = findDeferred(v);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (value instanceof io.stepwise.engine.spi.SqlText sql) {
            return findDeferred(sql.parameters());
        }
        return Optional.empty();
    }

    private String summary(StepResult result) {
        String text = String.valueOf(session.masker.maskValue(result.values()));
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    /**
     * A step failure with its hint, already phrased for a person, and the exception behind it (none
     * when the engine itself found the problem), which {@code --debug} shows as a masked stack trace.
     */
    static final class StepFailure extends RuntimeException {
        final String hint;

        StepFailure(String message, String hint) {
            this(message, hint, null);
        }

        StepFailure(String message, String hint, Throwable cause) {
            super(message, cause);
            this.hint = hint;
        }
    }
}
