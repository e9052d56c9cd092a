package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.api.StepwiseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rule for where runs live and how one is found, whatever directory the command runs in. */
class RunLocatorTest {
    @TempDir
    Path dir;

    private Path repo() throws Exception {
        return Files.createDirectories(dir.resolve("repo/plans"));
    }

    private RunLocator locator(Path workingDir, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("STEPWISE_HOME", dir.resolve("home-state").toString()));
        env.putAll(extraEnv);
        return new RunLocator(env, workingDir);
    }

    /** What a run leaves for the locator: a journal in its run dir, and the pointers a new run records. */
    private Path startRun(RunLocator locator, Path stateDir, String runId) {
        return startRun(locator, stateDir, runId, dir.resolve("plan.yaml"));
    }

    private Path startRun(RunLocator locator, Path stateDir, String runId, Path plan) {
        Path runDir = RunLocator.runDir(stateDir, runId);
        Journal journal = Journal.open(runDir, false);
        journal.append(new JournalEntry.RunStarted(runId, plan.toString(), "p", "d", Map.of(), Map.of(), 1L, "h"), false);
        journal.close();
        locator.record(stateDir, runId, runDir);
        return runDir;
    }

    @Test
    void givenARunBesideItsPlan_whenNamedByIdFromAnotherDirectory_thenItIsFound() throws Exception {
        // given: the quickstart run from the repo root, state beside the plan
        Path plans = repo();
        RunLocator fromRoot = locator(dir.resolve("repo"), Map.of());
        Path stateDir = fromRoot.stateDirFor(Optional.empty(), Optional.of(plans.resolve("quickstart.yaml")));
        Path runDir = startRun(fromRoot, stateDir, "quickstart-20250101-120000-ab12");

        // when: rollback <id> and status --all from the repo root and from elsewhere, with no options
        RunLocator elsewhere = locator(Files.createDirectories(dir.resolve("elsewhere")), Map.of());

        // then
        assertThat(stateDir).isEqualTo(plans.resolve(".stepwise"));
        assertThat(fromRoot.locate(Optional.of("quickstart-20250101-120000-ab12"), Optional.empty(), Optional.empty()))
                .isEqualTo(runDir);
        assertThat(elsewhere.locate(Optional.of("quickstart-20250101-120000-ab12"), Optional.empty(), Optional.empty()))
                .isEqualTo(runDir);
        assertThat(RunLocator.list(fromRoot.stateDirsToList(Optional.empty(), Optional.empty()))).containsExactly(runDir);
        assertThat(elsewhere.locate(Optional.empty(), Optional.empty(), Optional.empty())).as("the latest run")
                .isEqualTo(runDir);
    }

    @Test
    void givenTheStateDirEnvironmentVariable_whenARunStartsAndIsLookedFor_thenItIsUsedForBoth() throws Exception {
        // given
        Path plans = repo();
        Path shared = dir.resolve("shared-state");
        RunLocator locator = locator(dir, Map.of(RunLocator.STATE_DIR_ENV, shared.toString()));

        // when
        Path stateDir = locator.stateDirFor(Optional.empty(), Optional.of(plans.resolve("quickstart.yaml")));
        Path runDir = startRun(locator, stateDir, "q-20250101-120000-aaaa");

        // then: the option still wins over the variable
        assertThat(stateDir).isEqualTo(shared);
        assertThat(locator.stateDirFor(Optional.of(Path.of("mine")), Optional.empty())).isEqualTo(dir.resolve("mine"));
        assertThat(locator.locate(Optional.empty(), Optional.empty(), Optional.empty())).isEqualTo(runDir);
        assertThat(locator.stateDirsToList(Optional.empty(), Optional.empty())).containsExactly(shared);
    }

    @Test
    void givenRunsInTwoStateDirs_whenAllAreListed_thenNewestFirstWhateverThePlanName() throws Exception {
        // given
        RunLocator locator = locator(dir, Map.of());
        Path older = startRun(locator, dir.resolve("a/.stepwise"), "zebra-20250101-120000-aaaa");
        Path newer = startRun(locator, dir.resolve("b/state"), "alpha-20250301-080000-bbbb");

        // when / then
        assertThat(RunLocator.list(locator.stateDirsToList(Optional.empty(), Optional.empty())))
                .containsExactly(newer, older);
        assertThat(RunLocator.list(locator.stateDirsToList(Optional.empty(), Optional.of(dir.resolve("a/.stepwise")))))
                .containsExactly(older);
        assertThat(locator.locate(Optional.empty(), Optional.empty(), Optional.of(dir.resolve("a/.stepwise"))))
                .as("the latest run of the state dir given").isEqualTo(older);
        assertThat(locator.locate(Optional.of(newer.toString()), Optional.empty(), Optional.empty())).as("by directory")
                .isEqualTo(newer);
    }

    @Test
    void givenTwoPlansSideBySide_whenTheLatestRunOfOneIsAskedFor_thenItIsThatPlansRunNotTheNeighbours() throws Exception {
        // given: capture ran, then resume ran, both keeping state in plans/.stepwise
        Path plans = repo();
        RunLocator locator = locator(dir.resolve("repo"), Map.of());
        Path stateDir = plans.resolve(".stepwise");
        Path capture = startRun(locator, stateDir, "capture-20250101-120000-aaaa", plans.resolve("capture.yaml"));
        Path resume = startRun(locator, stateDir, "resume-20250101-120500-bbbb", plans.resolve("resume.yaml"));

        // when / then
        assertThat(locator.locate(Optional.empty(), Optional.of(Path.of("plans/capture.yaml")), Optional.empty()))
                .isEqualTo(capture);
        assertThat(locator.locate(Optional.empty(), Optional.of(plans.resolve("resume.yaml")), Optional.empty()))
                .isEqualTo(resume);
        assertThat(locator.locate(Optional.empty(), Optional.empty(), Optional.of(stateDir))).isEqualTo(resume);
    }

    @Test
    void givenAnUnknownId_whenLookedFor_thenTheErrorSaysWhereItLookedAndHowToListRuns() {
        RunLocator locator = locator(dir, Map.of());

        assertThatThrownBy(() -> locator.locate(Optional.of("nope"), Optional.empty(), Optional.empty()))
                .isInstanceOf(StepwiseException.class).hasMessageContaining("no run 'nope' in " + dir.resolve(".stepwise"))
                .satisfies(e -> assertThat(((StepwiseException) e).hint()).contains("list the runs with: stepwise status --all"));
        assertThatThrownBy(() -> locator.locate(Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessage("no run found");
    }

    @Test
    void givenTheUsersLatestRunWasDeleted_whenNoRunIsNamed_thenTheNewestKnownRunIsFound() throws Exception {
        // given: a quickstart beside its plan, then a later run (a test's, say) in a directory since deleted
        Path plans = repo();
        RunLocator fromRoot = locator(dir.resolve("repo"), Map.of());
        Path stateDir = fromRoot.stateDirFor(Optional.empty(), Optional.of(plans.resolve("quickstart.yaml")));
        Path quickstart = startRun(fromRoot, stateDir, "20250101-120000-quickstart-ab12");
        Path gone = Files.createDirectories(dir.resolve("tmp/state"));
        Path later = startRun(fromRoot, gone, "20250102-090000-other-cd34");
        Files.walk(dir.resolve("tmp")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

        // when / then: `stepwise resume` from the repo root, with nothing named
        assertThat(later).doesNotExist();
        assertThat(fromRoot.locate(Optional.empty(), Optional.empty(), Optional.empty())).isEqualTo(quickstart);
    }
}
