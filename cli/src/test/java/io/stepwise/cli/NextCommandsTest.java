package io.stepwise.cli;

import static io.stepwise.cli.FakeEngine.report;
import static io.stepwise.cli.FakeEngine.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The commands printed after a run name the run so that they work from any directory, and offer only what applies. */
class NextCommandsTest {
    @Test
    void givenARunThatFailedAtItsFirstStep_whenSuggestionsAreMade_thenNoRollbackIsOffered() {
        var report = report(RunStatus.FAILED, step("one", "exec", StepStatus.FAILED, 10, Map.of()),
                step("two", "exec", StepStatus.PENDING, 0, Map.of()));

        assertThat(RunSession.suggestions(report, Optional.empty(), Optional.empty(), RunSession.Kind.RUN))
                .extracting(NextCommand::command).containsExactly("stepwise resume r1", "stepwise status r1");
    }

    @Test
    void givenAStateDirAndAPlanThePersonGave_whenSuggestionsAreMade_thenTheyAreRepeatedAsAbsolutePaths() {
        var report = report(RunStatus.INTERRUPTED, step("one", "exec", StepStatus.COMPLETED, 10, Map.of()),
                step("two", "exec", StepStatus.INTERRUPTED, 0, Map.of()));

        assertThat(RunSession.suggestions(report, Optional.of(Path.of("p.yaml")), Optional.of(Path.of("st")),
                RunSession.Kind.RESUME)).extracting(NextCommand::command).containsExactly(
                "stepwise resume r1 --plan " + Path.of("p.yaml").toAbsolutePath() + " --state-dir "
                        + Path.of("st").toAbsolutePath(),
                "stepwise rollback r1 --plan " + Path.of("p.yaml").toAbsolutePath() + " --state-dir "
                        + Path.of("st").toAbsolutePath(),
                "stepwise status r1 --plan " + Path.of("p.yaml").toAbsolutePath() + " --state-dir "
                        + Path.of("st").toAbsolutePath());
    }
}
