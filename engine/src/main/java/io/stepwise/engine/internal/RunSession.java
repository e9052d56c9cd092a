package io.stepwise.engine.internal;

import io.stepwise.engine.api.ConnectionDef;
import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.internal.actions.DefaultActionRunner;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.action.BackgroundProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mutable state of one live run: scope, secrets, journal, actions, background processes and
 * the interruption flag. Everything else about a run is immutable.
 */
final class RunSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);

    final Plan plan;
    final String runId;
    final Path runDir;
    final RunOptions options;
    final StepRegistry registry;
    final ExpressionEngine expressions;
    final Masker masker;
    final RunScope scope;
    final Resolver resolver;
    final Journal journal;
    final RunState state;
    final DefaultActionRunner actions;
    final AtomicBoolean interrupted = new AtomicBoolean();
    private final List<Background> background = new ArrayList<>();
    private final Map<String, ConnectionInfo> connections = new LinkedHashMap<>();
    private volatile long stepDeadlineNanos;
    /** When this process took the run in hand: RUN_FINISHED reports the time since. */
    final long startNanos = System.nanoTime();
    /** The thread that runs the plan: interrupting it (Ctrl-C in the command line) stops the run. */
    private final Thread owner = Thread.currentThread();

    record Background(String stepId, BackgroundProcess process, boolean keep) {
    }

    RunSession(Plan plan, String runId, Path runDir, RunOptions options, StepRegistry registry,
            ExpressionEngine expressions, Masker masker, RunScope scope, Journal journal, RunState state) {
        this.plan = plan;
        this.runId = runId;
        this.runDir = runDir;
        this.options = options;
        this.registry = registry;
        this.expressions = expressions;
        this.masker = masker;
        this.scope = scope;
        this.resolver = new Resolver(expressions, scope, masker);
        this.journal = journal;
        this.state = state;
        this.actions = new DefaultActionRunner(runDir, masker::mask, this::isInterrupted);
    }

    boolean isInterrupted() {
        long deadline = stepDeadlineNanos;
        return runInterrupted() || deadline != 0 && System.nanoTime() - deadline > 0;
    }

    boolean runInterrupted() {
        noteThreadInterrupt();
        if (!interrupted.get() && options.stopRequested().getAsBoolean()) {
            interrupted.set(true);
        }
        return interrupted.get();
    }

    /** Turns an interrupt of the running thread into the run's flag, and clears it so journaling still works. */
    private void noteThreadInterrupt() {
        if (Thread.currentThread() == owner ? Thread.interrupted() : owner.isInterrupted()) {
            interrupted.set(true);
        }
    }

    void setStepDeadline(Optional<Duration> timeout) {
        stepDeadlineNanos = timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(0L);
    }

    void emit(RunEvent.Kind kind, String stepId, String message, Duration elapsed, Map<String, Object> data) {
        RunEvent event = new RunEvent(kind, runId, Optional.ofNullable(stepId), masker.mask(message), elapsed,
                data);
        try {
            options.listener().onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("run listener failed on {}: {}", kind, e.toString());
        }
    }

    void emit(RunEvent.Kind kind, String stepId, String message) {
        emit(kind, stepId, message, Duration.ZERO, Map.of());
    }

    /** Journals an entry (on disk when this returns) and applies it to the run's state. */
    void record(JournalEntry entry) {
        noteThreadInterrupt();
        journal.append(entry, true);
        state.apply(entry, java.time.Instant.now());
    }

    /** A plan connection with its settings resolved now (they may read values of earlier steps). */
    ConnectionInfo connection(String name) {
        ConnectionDef def = plan.connections().get(name);
        if (def == null) {
            throw new StepwiseException(ErrorCode.INVALID_PLAN, "unknown connection '" + name + "'",
                    "declare it under connections:");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) resolver.resolve(def.settings(), null);
        Object password = settings.get("password");
        if (password != null) {
            masker.add(password, "conn:" + name + ".password");
        }
        ConnectionInfo info = new ConnectionInfo(name, def.type(), settings);
        connections.put(name, info);
        return info;
    }

    void registerBackground(String stepId, BackgroundProcess process, boolean keep) {
        synchronized (background) {
            background.add(new Background(stepId, process, keep));
        }
        boolean inRunner = process.pid() == ProcessHandle.current().pid();
        String start = inRunner ? null : ProcessHandle.of(process.pid()).flatMap(h -> h.info().startInstant())
                .map(Object::toString).orElse(null);
        record(new JournalEntry.ResourceStarted(stepId, process.pid(), process.name(), keep,
                inRunner ? JournalEntry.ResourceStarted.IN_RUNNER : JournalEntry.ResourceStarted.PROCESS, start));
    }

    /** Takes charge of a process an earlier runner of this run started, still alive. */
    void adoptBackground(ResourceState resource, BackgroundProcess process) {
        synchronized (background) {
            background.add(new Background(resource.step(), process, resource.keep()));
        }
        record(new JournalEntry.ResourceAdopted(resource.step(), resource.pid()));
    }

    /** Stops background processes started by the run (newest first), except those to keep unless forced. */
    void stopBackground(boolean includingKept, String why, ResourceState.Lifecycle how) {
        List<Background> toStop = new ArrayList<>();
        synchronized (background) {
            for (int i = background.size() - 1; i >= 0; i--) {
                Background b = background.get(i);
                if (includingKept || !b.keep()) {
                    toStop.add(b);
                    background.remove(i);
                }
            }
        }
        for (Background b : toStop) {
            if (b.process().isAlive()) {
                emit(RunEvent.Kind.STEP_OUTPUT, b.stepId(), "stopping " + describe(b.process()) + " (" + why + ")");
                try {
                    b.process().stop();
                } catch (RuntimeException e) {
                    emit(RunEvent.Kind.WARNING, b.stepId(), "could not stop " + b.process().name() + ": " + e.getMessage());
                }
            }
            record(new JournalEntry.ResourceEnded(b.stepId(), b.process().pid(), how.journalName(), null));
        }
    }

    /** Stops the background processes one step started, for step {@code by}; returns how many were running. */
    int stopBackgroundOf(String stepId, String by) {
        List<Background> toStop = new ArrayList<>();
        synchronized (background) {
            for (int i = background.size() - 1; i >= 0; i--) {
                if (background.get(i).stepId().equals(stepId)) {
                    toStop.add(background.remove(i));
                }
            }
        }
        int stopped = 0;
        for (Background b : toStop) {
            if (b.process().isAlive()) {
                emit(RunEvent.Kind.STEP_OUTPUT, b.stepId(), "stopping " + describe(b.process()) + " (asked by step '"
                        + by + "')");
                b.process().stop();
                stopped++;
            }
            record(new JournalEntry.ResourceEnded(b.stepId(), b.process().pid(),
                    ResourceState.Lifecycle.STOPPED_BY_STEP.journalName(), by));
        }
        return stopped;
    }

    /** Background processes that ended while step {@code during} ran (killed by it, or crashed): journaled so. */
    void noteEndedBackground(String during) {
        List<Background> ended = new ArrayList<>();
        synchronized (background) {
            for (int i = background.size() - 1; i >= 0; i--) {
                if (!background.get(i).process().isAlive()) {
                    ended.add(background.remove(i));
                }
            }
        }
        for (Background b : ended) {
            record(new JournalEntry.ResourceEnded(b.stepId(), b.process().pid(),
                    ResourceState.Lifecycle.ENDED_DURING_STEP.journalName(), during));
        }
    }

    /** How a person reads a resource: its name, and its pid when it is a process of its own. */
    static String describe(BackgroundProcess process) {
        boolean inRunner = process.pid() == ProcessHandle.current().pid();
        String name = process.name();
        return inRunner || name.contains("pid ") ? name : name + " (pid " + process.pid() + ")";
    }

    @Override
    public void close() {
        actions.close();
        journal.close();
    }
}
