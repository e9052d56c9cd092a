package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.internal.ResourceState.Lifecycle;
import io.stepwise.engine.internal.ResumePolicy.Capabilities;
import io.stepwise.engine.internal.ResumePolicy.Mode;
import io.stepwise.engine.internal.ResumePolicy.ResourceAction;
import io.stepwise.engine.internal.ResumePolicy.ResourceFacts;
import io.stepwise.engine.internal.ResumePolicy.StepAction;
import io.stepwise.engine.internal.ResumePolicy.StepFacts;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What taking a run up again does, as a table: step states x operator choices x type capabilities, then resources. */
class ResumePolicyTest {
    private final ResumePolicy policy = new ResumePolicy();

    @ParameterizedTest(name = "{0} step, rerun={1}, skip={2}, idempotent={3}, probe={4}, {5}: {6}")
    @CsvSource({
        // status,   rerun, skip,  idem,  probe, mode,     action
        "COMPLETED,  false, false, false, false, RESUME,   KEEP",
        "SKIPPED,    false, false, false, false, RESUME,   KEEP",
        "PENDING,    false, false, false, false, RESUME,   RUN",
        "FAILED,     false, false, false, false, RESUME,   RUN",
        "RUNNING,    false, false, true,  false, RESUME,   RERUN",
        "RUNNING,    false, false, false, true,  RESUME,   PROBE",
        "RUNNING,    false, false, true,  true,  RESUME,   RERUN",
        "RUNNING,    false, false, false, false, RESUME,   ASK",
        "INTERRUPTED,false, false, true,  false, RESUME,   RERUN",
        "INTERRUPTED,false, false, false, true,  RESUME,   PROBE",
        "INTERRUPTED,false, false, false, false, RESUME,   ASK",
        "RUNNING,    true,  false, false, false, RESUME,   RERUN",
        "RUNNING,    false, true,  false, false, RESUME,   SKIP",
        "COMPLETED,  true,  false, false, false, RESUME,   RERUN",
        "COMPLETED,  false, true,  false, false, RESUME,   KEEP",
        "PENDING,    false, true,  false, false, RESUME,   SKIP",
        "RUNNING,    false, false, false, false, SHELL,    ASK",
        "RUNNING,    false, false, false, true,  SHELL,    PROBE",
        "RUNNING,    false, false, false, false, ROLLBACK, KEEP",
        "COMPLETED,  true,  false, false, false, ROLLBACK, KEEP",
        "ROLLED_BACK,false, false, false, false, RESUME,   KEEP",
    })
    void stepDecisions(StepStatus status, boolean rerun, boolean skip, boolean idempotent, boolean probe, Mode mode,
            StepAction expected) {
        // given
        StepFacts facts = new StepFacts("s", status, rerun, skip, new Capabilities(idempotent, probe, false));

        // when
        ResumePolicy.StepDecision decision = policy.decide(facts, mode);

        // then
        assertThat(decision.action()).isEqualTo(expected);
        assertThat(decision.reason()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}, owner {1}, alive={2}, restartable={3}, needed={4}, {5}: {6}")
    @CsvSource({
        // lifecycle,          owner, alive, restart, needed, mode,    action
        "RUNNING,              KEEP,  true,  false,   false,  RESUME,  ADOPT",
        "RUNNING,              KEEP,  true,  true,    true,   RESUME,  ADOPT",
        "RUNNING,              KEEP,  false, true,    true,   RESUME,  RESTART",
        "RUNNING,              KEEP,  false, true,    false,  RESUME,  MARK_LOST",
        "RUNNING,              KEEP,  false, false,   true,   RESUME,  MARK_LOST",
        "ENDED_WITH_RUN,       KEEP,  false, true,    true,   RESUME,  RESTART",
        "ENDED_WITH_RUN,       KEEP,  false, false,   true,   RESUME,  LEAVE_ENDED",
        "ENDED_WITH_RUN,       KEEP,  false, true,    false,  RESUME,  LEAVE_ENDED",
        "LOST,                 KEEP,  false, true,    true,   RESUME,  RESTART",
        "STOPPED_BY_STEP,      KEEP,  false, true,    true,   RESUME,  LEAVE_ENDED",
        "ENDED_DURING_STEP,    KEEP,  false, true,    true,   RESUME,  LEAVE_ENDED",
        "STOPPED_BY_ROLLBACK,  KEEP,  false, true,    true,   RESUME,  LEAVE_ENDED",
        "RUNNING,              PROBE, true,  true,    true,   RESUME,  LEFT_TO_STEP",
        "RUNNING,              ASK,   true,  false,   true,   RESUME,  LEFT_TO_STEP",
        "RUNNING,              RERUN, true,  false,   true,   RESUME,  STOP",
        "RUNNING,              RERUN, false, false,   true,   RESUME,  MARK_LOST",
        "STOPPED_BY_STEP,      RERUN, false, true,    true,   RESUME,  LEAVE_ENDED",
        "RUNNING,              KEEP,  true,  false,   false,  SHELL,   ADOPT",
        "ENDED_WITH_RUN,       KEEP,  false, true,    true,   SHELL,   RESTART",
        "RUNNING,              KEEP,  true,  false,   false,  ROLLBACK, ADOPT",
        "ENDED_DURING_STEP,    KEEP,  false, true,    true,   ROLLBACK, RESTART",
        "ENDED_DURING_STEP,    KEEP,  false, true,    false,  ROLLBACK, LEAVE_ENDED",
        "ENDED_WITH_RUN,       KEEP,  false, false,   true,   ROLLBACK, LEAVE_ENDED",
        "RUNNING,              KEEP,  false, false,   true,   ROLLBACK, MARK_LOST",
        "STOPPED_BY_ROLLBACK,  KEEP,  false, true,    true,   ROLLBACK, LEAVE_ENDED",
    })
    void resourceDecisions(Lifecycle lifecycle, StepAction owner, boolean alive, boolean restartable, boolean needed,
            Mode mode, ResourceAction expected) {
        resourceDecision(lifecycle, owner, alive, restartable, needed, false, mode, expected);
    }

    @ParameterizedTest(name = "superseded {0}, alive={1}, {2}: {3}")
    @CsvSource({
        "LOST,           false, RESUME,   LEAVE_ENDED",
        "RUNNING,        false, RESUME,   MARK_LOST",
        "ENDED_WITH_RUN, false, RESUME,   LEAVE_ENDED",
        "RUNNING,        true,  RESUME,   ADOPT",
        "LOST,           false, ROLLBACK, LEAVE_ENDED",
    })
    void anEarlierStartOfARestartedStepIsNeverStartedAgain(Lifecycle lifecycle, boolean alive, Mode mode,
            ResourceAction expected) {
        resourceDecision(lifecycle, StepAction.KEEP, alive, true, true, true, mode, expected);
    }

    private void resourceDecision(Lifecycle lifecycle, StepAction owner, boolean alive, boolean restartable, boolean needed,
            boolean superseded, Mode mode, ResourceAction expected) {
        // given
        ResourceState resource = new ResourceState("primary", 4242, "primary", false, false, Optional.empty(), lifecycle,
                lifecycle.endedByTheRun() ? Optional.of("disaster") : Optional.empty());

        // when
        ResumePolicy.ResourceDecision decision = policy.decide(new ResourceFacts(resource, owner, alive, restartable, needed,
                superseded), mode);

        // then
        assertThat(decision.action()).isEqualTo(expected);
        assertThat(decision.reason()).isNotBlank();
    }
}
