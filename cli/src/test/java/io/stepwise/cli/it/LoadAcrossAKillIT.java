package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load that runs in the runner until a {@code stop} step dies with its runner. The plan has it
 * running under the steps before that stop (the quickstart's disaster happens under the bank load),
 * so resume starts it again, appending to its ledger, and the failover check has transfers to check.
 */
class LoadAcrossAKillIT {
    @TempDir
    Path dir;
    private Path plan;

    @BeforeEach
    void writePlan() throws IOException {
        plan = dir.resolve("bank.yaml");
        Files.writeString(plan, """
                name: bank-across-a-kill
                inputs:
                  port: {type: integer}
                connections:
                  db: {type: mysql, host: 127.0.0.1, port: "${steps.db.port}", user: root}
                steps:
                  - id: db
                    type: mariadb.local
                    background: true
                    with: {port: "${inputs.port}"}
                  - id: bank_seed
                    type: workload
                    with: {action: prepare, connection: db, mode: bank, database: bank, accounts: 10}
                  - id: bank_load
                    type: workload
                    background: true
                    with: {action: run, connection: db, mode: bank, database: bank, accounts: 10, threads: 1, rate: 50}
                  - id: under_load
                    type: sleep
                    with: {duration: 3s}
                  - id: stop_bank_load
                    type: stop
                    with: {step: bank_load}
                  - id: bank_check
                    type: workload
                    with: {action: check, connection: db, mode: bank, database: bank, accounts: 10}
                """);
    }

    @AfterEach
    void killLeftoverServers() throws IOException {
        // the runs stop their server; this only matters when a test failed half way
        Pattern pid = Pattern.compile("\"event\":\"resource_started\".*?\"pid\":(\\d+)");
        Matcher m = pid.matcher(journalOrEmpty());
        while (m.find()) {
            long id = Long.parseLong(m.group(1));
            if (id != ProcessHandle.current().pid()) {
                ProcessHandle.of(id).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aBankLoadTheKillTookIsStartedAgainSoTheStepsBeforeItsStopRunUnderLoad() throws Exception {
        long before = killInsideUnderLoad();

        StepwiseProcess.Result resumed = StepwiseProcess.run(dir, Map.of(), "resume", "--yes", "--state-dir", state());

        assertThat(resumed.exit()).as(resumed.all()).isZero();
        String journal = journalOrEmpty();
        assertThat(journal).contains("\"event\":\"resource_restarted\",\"step\":\"bank_load\"");
        assertThat(resumed.all()).contains("workload-bank_load (in the runner): gone with its runner; started again");
        long acknowledged = acknowledged(journal);
        assertThat(acknowledged).as("the ledger kept what was acknowledged before the kill, and grew under the"
                + " rerun sleep").isGreaterThan(before);
        assertThat(Files.readAllLines(ledger())).hasSize((int) acknowledged);
        assertThat(completedValues(journal, "bank_check")).contains("\"missing\":0").contains("\"pass\":true");
    }

    @Test
    void aStopThatIsTheNextStepToRunStartsNothingAgain() throws Exception {
        long before = killInsideUnderLoad();

        StepwiseProcess.Result resumed = StepwiseProcess.run(dir, Map.of(), "resume", "--yes", "--skip", "under_load",
                "--state-dir", state());

        assertThat(resumed.exit()).as(resumed.all()).isZero();
        String journal = journalOrEmpty();
        assertThat(journal).doesNotContain("\"event\":\"resource_restarted\",\"step\":\"bank_load\"");
        assertThat(resumed.all()).contains("workload-bank_load (in the runner): gone with its runner; no step still to"
                + " run needs it");
        assertThat(acknowledged(journal)).isEqualTo(before);
    }

    /** Runs the plan, SIGKILLs the runner a second into {@code under_load}; returns the ledger's entries then. */
    private long killInsideUnderLoad() throws Exception {
        Process runner = StepwiseProcess.builder(dir, Map.of(), "run", plan.toString(), "--set", "port=" + StepwiseProcess.freePort(),
                "--yes", "--state-dir", state()).redirectOutput(dir.resolve("run.out").toFile())
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!journalOrEmpty().contains("\"event\":\"step_started\",\"step\":\"under_load\"")) {
            assertThat(runner.isAlive()).as(Files.readString(dir.resolve("run.out"))).isTrue();
            assertThat(System.nanoTime()).as("under_load started").isLessThan(deadline);
            Thread.sleep(20);
        }
        Thread.sleep(1000);
        runner.destroyForcibly();
        assertThat(runner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long entries = Files.readAllLines(ledger()).stream().filter(l -> !l.isBlank()).count();
        assertThat(entries).as("transfers acknowledged before the kill").isPositive();
        return entries;
    }

    private String state() {
        return dir.resolve("state").toString();
    }

    private Path runDir() throws IOException {
        try (var runs = Files.list(dir.resolve("state/runs"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    private Path ledger() throws IOException {
        return runDir().resolve("workload-bank-bank.ledger");
    }

    private String journalOrEmpty() throws IOException {
        if (!Files.isDirectory(dir.resolve("state/runs"))) {
            return "";
        }
        Path journal = runDir().resolve("journal.jsonl");
        return Files.exists(journal) ? Files.readString(journal) : "";
    }

    private static String completedValues(String journal, String step) {
        return journal.lines().filter(l -> l.contains("\"event\":\"step_completed\",\"step\":\"" + step + "\""))
                .findFirst().orElseThrow(() -> new AssertionError(step + " did not complete"));
    }

    private static long acknowledged(String journal) {
        Matcher m = Pattern.compile("\"acknowledged\":(\\d+)").matcher(completedValues(journal, "bank_check"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
