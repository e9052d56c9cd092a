package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.testkit.Processes;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise that a crash at any point loses nothing, tried on the real quickstart: one run is
 * killed again and again, at seeded random steps (just after each starts, then once inside it), and
 * every time {@code stepwise resume --yes} takes it up. At the end the final checks pass and no
 * completed step completed twice. The same with Ctrl-C (SIGINT), including during restore and new_load.
 *
 * <p>{@code -Dstepwise.sweep.seed=N} repeats a sweep; {@code -Dstepwise.sweep.steps=all} kills at every
 * step (30 of them) instead of the 8 a CI run picks.
 */
@Tag("slow")
class QuickstartKillSweepIT {
    private static final Path QUICKSTART = StepwiseProcess.REPO.resolve("plans/quickstart.yaml");
    private static final Pattern STEP_ID = Pattern.compile("(?m)^  - id: (\\w+)$");
    /** Steps a quickstart on MariaDB skips by their when: no step_started is ever journaled for them. */
    private static final List<String> NEVER_STARTED = List.of("gc_off", "gc_on");

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // a failed sweep leaves its journal and consoles
    Path dir;

    private final List<String> log = new ArrayList<>();

    @AfterEach
    void killLeftoverServers() throws IOException {
        for (long pid : resourcePids()) {
            if (pid != ProcessHandle.current().pid()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aRunnerKilledAtRandomStepsResumesEachTimeToPassingFinalChecks() throws Exception {
        long seed = Long.getLong("stepwise.sweep.seed", System.currentTimeMillis());
        List<String> targets = pick(seed, "all".equals(System.getProperty("stepwise.sweep.steps")) ? Integer.MAX_VALUE : 8);
        System.out.println("kill sweep seed " + seed + " (-Dstepwise.sweep.seed=" + seed + "), SIGKILL at " + targets);
        Random random = new Random(seed);

        Process runner = start(runArgs());
        for (String step : targets) {
            // just after the step starts
            awaitJournal(runner, j -> count(j, "step_started", step) >= 1 || count(j, "step_completed", step) >= 1);
            runner = killAndResume(runner, step + " at its start");
            // and once inside it, in the runner that took it up (unless that runner found it done)
            int started = count(journalText(), "step_started", step);
            boolean again = awaitJournal(runner, j -> count(j, "step_started", step) > started
                    || count(j, "step_completed", step) >= 1) && count(journalText(), "step_completed", step) == 0;
            if (again) {
                Thread.sleep(random.nextInt(400));
                runner = killAndResume(runner, step + " inside");
            }
        }

        finishAndCheck(runner, seed);
        System.out.println("kill sweep: " + log);
    }

    @Test
    void ctrlCAtStepsIncludingRestoreAndNewLoadIsAnInterruptThatResumes() throws Exception {
        long seed = Long.getLong("stepwise.sweep.seed", System.currentTimeMillis());
        List<String> targets = new ArrayList<>(pick(seed, Integer.MAX_VALUE).stream()
                // the last steps end the run within the 100 ms a Ctrl-C waits: they would find nothing to stop
                .filter(s -> !List.of("restore", "new_load", "caught_up_again", "final_verify", "report").contains(s))
                .toList());
        Collections.shuffle(targets, new Random(seed));
        targets = new ArrayList<>(targets.subList(0, 2));
        targets.addAll(List.of("restore", "new_load"));
        targets.sort(java.util.Comparator.comparingInt(planSteps()::indexOf));
        System.out.println("Ctrl-C sweep seed " + seed + ", SIGINT inside " + targets);

        Process runner = start(runArgs());
        for (String step : targets) {
            String before = journalText();
            if (count(before, "step_completed", step) > 0) {
                // a short step (a stop, a SET) can end within the 100 ms, so the last Ctrl-C landed after it
                log.add("SIGINT in " + step + ": not sent, an earlier one landed after the step");
                continue;
            }
            // started by this runner: an earlier interrupt may have landed in this very step
            int started = count(before, "step_started", step);
            awaitJournal(runner, j -> count(j, "step_started", step) > started);
            Thread.sleep(step.equals("new_load") ? 800 : 100);
            new ProcessBuilder("kill", "-INT", Long.toString(runner.pid())).start().waitFor();
            assertThat(runner.waitFor(90, TimeUnit.SECONDS)).as("the runner stops after Ctrl-C").isTrue();
            String journal = journalText();
            log.add("SIGINT in " + step + ": exit " + runner.exitValue());
            assertThat(runner.exitValue()).as("exit status after Ctrl-C in " + step + "\n" + output()).isEqualTo(130);
            assertThat(journal).as("an interrupt is never journaled as a failure")
                    .doesNotContain("\"event\":\"step_failed\"");
            assertThat(journal).contains("\"event\":\"step_interrupted\"").contains("\"status\":\"INTERRUPTED\"");
            runner = start(resumeArgs());
        }

        finishAndCheck(runner, seed);
    }

    private void finishAndCheck(Process runner, long seed) throws Exception {
        assertThat(runner.waitFor(5, TimeUnit.MINUTES)).as("the last resume finishes").isTrue();
        for (int i = 1; i <= runs; i++) {
            assertThat(Files.readString(dir.resolve("runner-" + i + ".out"))).as("a person's console (runner " + i
                    + ", seed " + seed + ") shows no Java stack trace, whatever was killed or interrupted")
                    .doesNotContain("\tat ");
        }
        String journal = journalText();
        assertThat(runner.exitValue()).as("seed " + seed + ", " + log + "\n" + output()).isZero();
        assertThat(journal).contains("\"event\":\"run_finished\",\"status\":\"SUCCEEDED\"");
        for (String step : planSteps()) {
            assertThat(count(journal, "step_completed", step)).as("completions of " + step + " (seed " + seed + ")")
                    .isLessThanOrEqualTo(1);
        }
        assertNothingTheRunEndedCameBack(journal);
        assertThat(completedValues(journal, "verify")).contains("\"rows_differing\":0");
        assertThat(completedValues(journal, "final_verify")).contains("\"rows_differing\":0");
        assertThat(completedValues(journal, "bank_check")).contains("\"missing\":0").contains("\"pass\":true")
                .as("the failover check had transfers to check: a load the kill took was started again (seed " + seed + ")")
                .containsPattern("\"acknowledged\":[1-9]");
        for (long pid : resourcePids()) {
            if (pid != ProcessHandle.current().pid()) {
                // an adopted server is no child of the last runner: once it exited, init reaps it when it gets to it
                assertThat(Processes.isRunning(pid)).as("pid " + pid + " is gone ("
                        + ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?") + "); " + log
                        + "; journal and consoles kept in " + dir).isFalse();
            }
        }
    }

    /** A resource a step stopped (the paused loads) or killed (the primary) is never started again. */
    private static void assertNothingTheRunEndedCameBack(String journal) {
        List<String> lines = journal.lines().toList();
        Pattern ended = Pattern.compile("\"event\":\"resource_ended\",\"step\":\"(\\w+)\".*\"how\":\"(stopped_by_step|ended_during_step)\"");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ended.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            String step = m.group(1);
            for (String later : lines.subList(i + 1, lines.size())) {
                assertThat(later).as(step + " was ended by the run (" + m.group(2) + ") and must stay so")
                        .doesNotContain("\"event\":\"resource_restarted\",\"step\":\"" + step + "\"")
                        .doesNotContain("\"event\":\"resource_started\",\"step\":\"" + step + "\"");
            }
        }
        assertThat(journal).contains("\"event\":\"resource_ended\",\"step\":\"primary\"");
    }

    private Process killAndResume(Process runner, String where) throws Exception {
        runner.destroyForcibly(); // SIGKILL
        assertThat(runner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        log.add("SIGKILL " + where);
        if (journalText().contains("\"event\":\"run_finished\",\"status\":\"SUCCEEDED\"")) {
            // the run had already ended; what is left is to read it
            return start(List.of("status", runDir().getFileName().toString(), "--state-dir", dir.resolve("state").toString()));
        }
        return start(resumeArgs());
    }

    private List<String> pick(long seed, int howMany) throws IOException {
        List<String> candidates = new ArrayList<>(planSteps());
        candidates.removeAll(NEVER_STARTED);
        Collections.shuffle(candidates, new Random(seed));
        List<String> chosen = new ArrayList<>(candidates.subList(0, Math.min(howMany, candidates.size())));
        chosen.sort(java.util.Comparator.comparingInt(planSteps()::indexOf));
        return chosen;
    }

    private static List<String> planSteps() throws IOException {
        List<String> ids = new ArrayList<>();
        Matcher m = STEP_ID.matcher(Files.readString(QUICKSTART));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private int runs;

    private Process start(List<String> args) throws IOException {
        runs++;
        return StepwiseProcess.builder(dir, Map.of(), args.toArray(String[]::new))
                .redirectOutput(dir.resolve("runner-" + runs + ".out").toFile()).redirectErrorStream(true).start();
    }

    private String output() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = Math.max(1, runs - 2); i <= runs; i++) {
            all.append("--- runner ").append(i).append('\n').append(Files.readString(dir.resolve("runner-" + i + ".out")));
        }
        return all.toString();
    }

    private List<String> runArgs() throws IOException {
        List<String> args = new ArrayList<>(List.of("run", QUICKSTART.toString()));
        for (String input : List.of("primary_port", "secondary_port", "new_primary_port", "s3_port")) {
            args.addAll(List.of("--set", input + "=" + freePort()));
        }
        args.addAll(List.of("--state-dir", dir.resolve("state").toString(), "--yes"));
        return args;
    }

    private List<String> resumeArgs() throws IOException {
        return List.of("resume", runDir().getFileName().toString(), "--state-dir", dir.resolve("state").toString(), "--yes");
    }

    private Path runDir() throws IOException {
        try (var dirs = Files.list(dir.resolve("state/runs"))) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private String journalText() throws IOException {
        Path runs = dir.resolve("state/runs");
        if (!Files.isDirectory(runs)) {
            return "";
        }
        Path journal = runDir().resolve("journal.jsonl");
        return Files.exists(journal) ? Files.readString(journal) : "";
    }

    /** Waits until the journal satisfies the condition; false when the runner ended first. */
    private boolean awaitJournal(Process runner, java.util.function.Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (condition.test(journalText())) {
                return true;
            }
            if (!runner.isAlive()) {
                if (condition.test(journalText())) {
                    return true;
                }
                throw new AssertionError("the runner ended (exit " + runner.exitValue() + ") before the awaited step; "
                        + log + "\n" + output());
            }
            Thread.sleep(5);
        }
        throw new AssertionError("timed out waiting on the journal; " + log + "\n" + output());
    }

    private static int count(String journal, String event, String step) {
        String needle = "\"event\":\"" + event + "\",\"step\":\"" + step + "\"";
        int n = 0;
        for (int i = journal.indexOf(needle); i >= 0; i = journal.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String completedValues(String journal, String step) {
        return journal.lines().filter(l -> l.contains("\"event\":\"step_completed\",\"step\":\"" + step + "\""))
                .reduce((a, b) -> b).orElse("(" + step + " never completed)");
    }

    private List<Long> resourcePids() throws IOException {
        List<Long> pids = new ArrayList<>();
        Matcher m = Pattern.compile("\"event\":\"(?:resource_started|background)\".*?\"pid\":(\\d+)").matcher(journalText());
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        return pids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
