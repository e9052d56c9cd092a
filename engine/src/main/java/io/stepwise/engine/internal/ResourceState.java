package io.stepwise.engine.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * A resource a step started to outlive it (a server, an in-runner service, a load), with where its
 * lifecycle stands in the journal: running, or ended, and how and by which step.
 */
record ResourceState(String step, long pid, String name, boolean keep, boolean inRunner, Optional<String> processStart,
        Lifecycle lifecycle, Optional<String> endedBy) {

    /** Where a resource stands; the journal names are what {@code resource_ended.how} holds. */
    enum Lifecycle {
        /** Started (or adopted, or restarted) and not known to have ended. */
        RUNNING("running"),
        /** A {@code stop} step (or the shell) stopped it: it stays stopped. */
        STOPPED_BY_STEP("stopped_by_step"),
        /** It died while a step ran (a kill, a crash): the run ended it, it stays dead. */
        ENDED_DURING_STEP("ended_during_step"),
        /** The run ended (finished, failed, interrupted) and stopped it; a resume may start it again. */
        ENDED_WITH_RUN("ended_with_run"),
        /** Found gone when the run was taken up again (its runner was killed). */
        LOST("lost"),
        /** Stopped by a rollback. */
        STOPPED_BY_ROLLBACK("stopped_by_rollback");

        private final String journalName;

        Lifecycle(String journalName) {
            this.journalName = journalName;
        }

        String journalName() {
            return journalName;
        }

        static Lifecycle ofJournal(String name) {
            for (Lifecycle l : values()) {
                if (l.journalName.equals(name)) {
                    return l;
                }
            }
            return LOST;
        }

        /** True when the run itself ended it on purpose or while a step ran: nothing brings it back in a resume. */
        boolean endedByTheRun() {
            return this == STOPPED_BY_STEP || this == ENDED_DURING_STEP || this == STOPPED_BY_ROLLBACK;
        }
    }

    ResourceState {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(processStart, "processStart");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(endedBy, "endedBy");
    }

    ResourceState ended(Lifecycle how, Optional<String> by) {
        return new ResourceState(step, pid, name, keep, inRunner, processStart, how, by);
    }

    ResourceState running() {
        return new ResourceState(step, pid, name, keep, inRunner, processStart, Lifecycle.RUNNING, Optional.empty());
    }

    /**
     * True when this very process is alive now, seen from a runner that takes the run up again: a
     * service inside an earlier runner never is; a process is when its pid is alive and, when known,
     * started at the same instant (so a reused pid is not taken for it) and is not a zombie.
     */
    boolean isAliveNow() {
        if (inRunner) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessLiveness::isRunning);
        return handle.isPresent() && (processStart.isEmpty() || handle.get().info().startInstant().map(Object::toString)
                .map(processStart.get()::equals).orElse(true));
    }

    String describe() {
        return name + (inRunner ? " (in the runner)" : " (pid " + pid + ")");
    }
}
