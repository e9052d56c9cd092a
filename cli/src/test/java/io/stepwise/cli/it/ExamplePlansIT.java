package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.steps.testing.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every plan in plans/examples runs as its header says, through the packaged command line. */
class ExamplePlansIT {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    @TempDir
    Path dir;

    private Path example(String name) throws Exception {
        Path copy = dir.resolve(name);
        Files.copy(StepwiseProcess.REPO.resolve("plans/examples").resolve(name), copy);
        return copy;
    }

    @Test
    void captureCarriesTheBackupPositionIntoLaterSteps() throws Exception {
        StepwiseProcess.Result result = StepwiseProcess.run(dir, Map.of(), "run", example("capture.yaml").toString());
        assertThat(result.exit()).as(result.all()).isZero();
        assertThat(result.stdout()).contains("backup nightly at 450123456789012345; feed said: start-ts=450123456789012345");
        // the summary shows what the plan captured, not every output of every step
        assertThat(result.stdout()).contains("position = 450123456789012345").doesNotContain("exit_code =");
    }

    @Test
    void resumeContinuesAfterTheFixWithoutRunningStepOneAgain() throws Exception {
        Path plan = example("resume.yaml");
        Path marker = dir.resolve("marker");
        StepwiseProcess.Result failed = StepwiseProcess.run(dir, Map.of(), "run", plan.toString(), "--set",
                "marker=" + marker);
        assertThat(failed.exit()).as(failed.all()).isEqualTo(1);
        assertThat(failed.all()).contains("stepwise resume");

        Files.createFile(marker);
        StepwiseProcess.Result resumed = StepwiseProcess.run(dir, Map.of(), "resume", "--plan", plan.toString());

        assertThat(resumed.exit()).as(resumed.all()).isZero();
        Path journal = onlyRun(dir).resolve("journal.jsonl");
        assertThat(Files.readAllLines(journal)).filteredOn(l -> l.contains("\"step_started\"") && l.contains("\"one\""))
                .hasSize(1);
        assertThat(resumed.stdout()).contains("step one ran once, at");
    }

    @Test
    void rollbackUndoesCompletedStepsAndListsWhatNeedsAPerson() throws Exception {
        Path target = dir.resolve("rb");
        StepwiseProcess.Result result = StepwiseProcess.run(dir, Map.of(), "run", example("rollback.yaml").toString(),
                "--set", "dir=" + target);
        assertThat(result.exit()).as(result.all()).isEqualTo(1);
        assertThat(result.all()).contains("needs a person").contains("notify");
        // notified stays (a person must undo it), so the directory itself cannot be removed: data is gone
        assertThat(target.resolve("data")).doesNotExist();
        assertThat(target.resolve("notified")).exists();
    }

    @Test
    void sqlBindsValuesAndNeverPrintsThePassword() throws Exception {
        Path plan = example("sql.yaml");
        StepwiseProcess.Result result = StepwiseProcess.run(dir, Map.of("STEPWISE_DB_PASSWORD", MariaDbServer.PASSWORD),
                "run", plan.toString(), "--set", "port=" + DB.port(), "--set", "user=" + MariaDbServer.USER,
                "--set", "database=" + MariaDbServer.DATABASE, "--debug");
        assertThat(result.exit()).as(result.all()).isZero();
        assertThat(DB.query("SELECT body FROM test.notes")).extracting(r -> r.get(0))
                .contains("it's ${not} an expression");
        assertThat(result.all()).doesNotContain(MariaDbServer.PASSWORD);
        assertThat(StepwiseProcess.allText(dir.resolve(".stepwise"))).doesNotContain(MariaDbServer.PASSWORD);

        StepwiseProcess.Result dryRun = StepwiseProcess.run(dir, Map.of("STEPWISE_DB_PASSWORD", MariaDbServer.PASSWORD),
                "dry-run", plan.toString(), "--format", "json");
        assertThat(dryRun.exit()).as(dryRun.all()).isZero();
        assertThat(dryRun.all()).doesNotContain(MariaDbServer.PASSWORD).contains("\"password\" : \"****\"");
    }

    private static Path onlyRun(Path dir) throws Exception {
        try (var runs = Files.list(dir.resolve(".stepwise/runs"))) {
            return runs.findFirst().orElseThrow();
        }
    }
}
