package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.PrunedRun;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneCommandTest {
    private final CliHarness cli = new CliHarness();

    @Test
    void givenAgeAndKeep_whenPruned_thenTheEngineIsAskedForThemAndTheFreedDiskIsShown() {
        // given
        cli.engine.pruned = List.of(
                new PrunedRun("quickstart-20250102-000000-bbbb", Path.of("/s/runs/b"), RunStatus.SUCCEEDED, 61_000_000),
                new PrunedRun("quickstart-20250101-000000-aaaa", Path.of("/s/runs/a"), RunStatus.ROLLED_BACK, 1_500));

        // when
        CliHarness.Result result = cli.run("prune", "--older-than", "7d", "--keep", "2");

        // then
        assertThat(result.status()).isZero();
        assertThat(cli.engine.calls).containsExactly("prune PT168H keep 2");
        assertThat(result.out().lines()).containsExactly(
                "RUN                              STATUS       FREED   DIRECTORY",
                "quickstart-20250102-000000-bbbb  succeeded    61 MB   /s/runs/b",
                "quickstart-20250101-000000-aaaa  rolled back  1.5 kB  /s/runs/a",
                "Freed 61 MB from 2 runs; journals and plan copies are kept.");
    }

    @Test
    void givenNothingToPrune_whenRehearsed_thenItSaysSoAndWhy() {
        CliHarness.Result result = cli.run("prune", "--dry-run", "--older-than", "12h");

        assertThat(result.status()).isZero();
        assertThat(cli.engine.calls).containsExactly("prune PT12H keep 0 rehearse");
        assertThat(result.out()).isEqualTo("Nothing to prune: no run that is over holds data and ended more than 12h ago.\n");
    }

    @Test
    void givenAnAgeThatIsNoAge_whenPruned_thenItIsAUsageErrorOnOneLine() {
        CliHarness.Result result = cli.run("prune", "--older-than", "soon");

        assertThat(result.status()).isEqualTo(2);
        assertThat(cli.engine.calls).isEmpty();
        assertThat(result.err()).contains("'soon' is not an age; use a number and m, h, d or w (7d)");
    }

    @Test
    void givenARunDirectory_whenTheSummaryIsRendered_thenItSaysHowMuchDiskTheRunHoldsAndWhere(@TempDir Path runDir)
            throws Exception {
        // given
        Files.write(runDir.resolve("journal.jsonl"), new byte[500]);
        Files.createDirectories(runDir.resolve("mariadb/primary/data"));
        Files.write(runDir.resolve("mariadb/primary/data/ibdata1"), new byte[2_000_000]);
        RunReport done = new RunReport("r1", "demo", null, runDir, RunStatus.SUCCEEDED, List.of(), List.of());
        RunReport failed = new RunReport("r1", "demo", null, runDir, RunStatus.FAILED, List.of(), List.of());

        // when / then
        assertThat(RunSummary.disk(done)).contains("The run holds 2.0 MB in " + runDir
                + " (stepwise prune frees it, keeping the journal).");
        assertThat(RunSummary.disk(failed)).contains("The run holds 2.0 MB in " + runDir + ".");
        assertThat(RunSummary.disk(new RunReport("r1", "demo", null, runDir.resolve("gone"), RunStatus.FAILED,
                List.of(), List.of()))).isEmpty();
    }
}
