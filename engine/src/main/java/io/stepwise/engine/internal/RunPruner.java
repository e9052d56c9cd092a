package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.PrunedRun;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepwiseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code prune}: frees the disk runs that are over hold (data dirs, dumps, logs of the processes), keeping what tells
 * the run (its journal, plan copy and lock file), and never touching a run in use or one that can still be resumed.
 */
final class RunPruner {
    /** What a pruned run keeps. */
    static final Set<String> KEPT = Set.of(Journal.FILE_NAME, "plan.yaml", "lock", "shell_history");
    private static final Set<RunStatus> OVER = Set.of(RunStatus.SUCCEEDED, RunStatus.ROLLED_BACK);

    private RunPruner() {
    }

    static List<PrunedRun> prune(List<Path> runDirs, Optional<Duration> olderThan, int keep, boolean rehearse) {
        if (keep < 0) {
            throw new StepwiseException(ErrorCode.USAGE, "--keep must be 0 or more, got " + keep);
        }
        Instant cutoff = olderThan.map(d -> Instant.now().minus(d)).orElse(Instant.MAX);
        List<PrunedRun> pruned = new ArrayList<>();
        int over = 0;
        for (Path runDir : runDirs) {
            RunState state;
            try {
                state = RunState.replay(runDir.resolve(Journal.FILE_NAME));
            } catch (StepwiseException e) {
                continue; // a damaged journal: status RUN says what is wrong, prune leaves it alone
            }
            if (state.finished().isEmpty() || !OVER.contains(state.finished().get())) {
                continue;
            }
            over++;
            if (over <= keep || !endedBefore(runDir, cutoff)) {
                continue;
            }
            long bytes = removable(runDir).stream().mapToLong(DiskUsage::of).sum();
            if (bytes == 0) {
                continue;
            }
            if (!rehearse) {
                try (RunLock lock = RunLock.acquire(runDir, state.runId())) {
                    removable(runDir).forEach(DiskUsage::delete);
                } catch (StepwiseException e) {
                    if (e.code() == ErrorCode.LOCKED) {
                        continue; // a shell still has it open
                    }
                    throw e;
                }
            }
            pruned.add(new PrunedRun(state.runId(), runDir, state.finished().get(), bytes));
        }
        return pruned;
    }

    private static boolean endedBefore(Path runDir, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(runDir.resolve(Journal.FILE_NAME)).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> removable(Path runDir) {
        try (Stream<Path> entries = Files.list(runDir)) {
            return entries.filter(p -> !KEPT.contains(p.getFileName().toString())).sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
