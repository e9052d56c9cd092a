package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.PrunedRun;
import io.stepwise.engine.api.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPrunerTest {
    @TempDir
    Path state;

    /** A run that ended with {@code status} (none: still open), holding a data dir of {@code bytes}. */
    private Path run(String id, RunStatus status, int bytes, Duration ago) throws Exception {
        Path runDir = RunLocator.runDir(state, id);
        Journal journal = Journal.open(runDir, false);
        journal.append(new JournalEntry.RunStarted(id, "/plan.yaml", "p", "d", Map.of(), Map.of(), 1L, "h"), false);
        if (status != null) {
            journal.append(new JournalEntry.RunFinished(status.name(), null), false);
        }
        journal.close();
        Files.writeString(runDir.resolve("plan.yaml"), "name: x\n");
        Files.createDirectories(runDir.resolve("mariadb/primary/data"));
        Files.write(runDir.resolve("mariadb/primary/data/ibdata1"), new byte[bytes]);
        Files.createDirectories(runDir.resolve("logs"));
        Files.writeString(runDir.resolve("logs/x.log"), "12345");
        Files.setLastModifiedTime(runDir.resolve(Journal.FILE_NAME), FileTime.from(Instant.now().minus(ago)));
        return runDir;
    }

    @Test
    void givenRunsThatAreOverAndOnesThatAreNot_whenPruned_thenOnlyTheOverOnesLoseTheirDataAndKeepTheirJournal()
            throws Exception {
        // given
        Path succeeded = run("a-20250101-000001-aaaa", RunStatus.SUCCEEDED, 1000, Duration.ZERO);
        Path rolledBack = run("b-20250101-000002-bbbb", RunStatus.ROLLED_BACK, 10, Duration.ZERO);
        Path failed = run("c-20250101-000003-cccc", RunStatus.FAILED, 10, Duration.ZERO);
        Path open = run("d-20250101-000004-dddd", null, 10, Duration.ZERO);

        // when
        List<PrunedRun> pruned = RunPruner.prune(RunLocator.list(state), Optional.empty(), 0, false);

        // then
        assertThat(pruned).extracting(PrunedRun::runId).containsExactly("b-20250101-000002-bbbb", "a-20250101-000001-aaaa");
        assertThat(pruned).extracting(PrunedRun::bytesFreed).containsExactly(15L, 1005L);
        assertThat(succeeded.resolve("mariadb")).doesNotExist();
        assertThat(succeeded.resolve("logs")).doesNotExist();
        assertThat(succeeded.resolve(Journal.FILE_NAME)).exists();
        assertThat(succeeded.resolve("plan.yaml")).exists();
        assertThat(RunState.replay(succeeded.resolve(Journal.FILE_NAME)).finished()).contains(RunStatus.SUCCEEDED);
        assertThat(rolledBack.resolve("mariadb")).doesNotExist();
        assertThat(failed.resolve("mariadb/primary/data/ibdata1")).as("a failed run stays resumable").exists();
        assertThat(open.resolve("mariadb/primary/data/ibdata1")).exists();
        assertThat(RunPruner.prune(RunLocator.list(state), Optional.empty(), 0, false)).as("nothing left to free").isEmpty();
    }

    @Test
    void givenKeepAndOlderThan_whenPruned_thenTheNewestAndTheRecentStay() throws Exception {
        // given
        Path oldest = run("a-20250101-000001-aaaa", RunStatus.SUCCEEDED, 100, Duration.ofDays(30));
        Path old = run("a-20250102-000001-bbbb", RunStatus.SUCCEEDED, 100, Duration.ofDays(10));
        Path recent = run("a-20250103-000001-cccc", RunStatus.SUCCEEDED, 100, Duration.ofHours(1));
        Path newest = run("a-20250104-000001-dddd", RunStatus.SUCCEEDED, 100, Duration.ofMinutes(1));

        // when: a rehearsal, then for real
        List<PrunedRun> rehearsed = RunPruner.prune(RunLocator.list(state), Optional.of(Duration.ofDays(7)), 1, true);
        List<PrunedRun> pruned = RunPruner.prune(RunLocator.list(state), Optional.of(Duration.ofDays(7)), 1, false);

        // then
        assertThat(rehearsed).isEqualTo(pruned);
        assertThat(pruned).extracting(PrunedRun::runDir).containsExactly(old, oldest);
        assertThat(newest.resolve("mariadb")).exists();
        assertThat(recent.resolve("mariadb")).exists();
        assertThat(old.resolve("mariadb")).doesNotExist();
    }
}
