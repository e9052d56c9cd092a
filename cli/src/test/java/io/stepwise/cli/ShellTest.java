package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted sessions of {@code stepwise shell} through a dumb terminal, on plans of the generic step types. */
class ShellTest {
    @TempDir
    Path dir;

    private final ShellHarness shell = new ShellHarness();

    private Path state() {
        return dir.resolve("state");
    }

    private Path ledger() {
        return dir.resolve("ledger");
    }

    /** first (exec, captures), greet (log), nap (sleep), check (assert on an input), extra and last (exec). */
    private Path plan() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: shelled
                inputs:
                  who: {type: string, default: world}
                  token: {type: string, secret: true, default: tok-123456}
                connections:
                  db: {type: mysql, host: 127.0.0.1, port: 1, user: root}
                steps:
                  - id: first
                    type: exec
                    with: {script: "echo first >> '%1$s'; echo BackupTS=42"}
                    capture: {ts: "${result.stdout.trim()}"}
                  - id: greet
                    type: log
                    with: {message: "hello ${inputs.who}"}
                  - id: nap
                    type: sleep
                    with: {duration: 50ms}
                  - id: check
                    type: assert
                    with: {that: "${inputs.who == 'shell'}", message: who is not shell}
                  - id: extra
                    type: exec
                    with: {script: "echo extra >> '%1$s'"}
                  - id: last
                    type: exec
                    with: {script: "echo last >> '%1$s'"}
                """.formatted(ledger()));
        return plan;
    }

    @Test
    void aScriptedSessionStepsInspectsChangesAndLeavesTheRunResumable() throws Exception {
        // given
        Path plan = plan();
        String script = """
                help
                help run
                plan
                show greet
                next
                vars
                get steps.first.ts
                eval ts=${steps.first.ts} for ${inputs.who}
                nxt
                show nosuch
                # a comment, passed over
                break check
                break last
                unbreak last
                breaks
                run
                plan
                next
                retry
                set inputs.who="shell"
                retry
                skip
                sql db select 1
                sql nope select 1
                status
                quit
                """;

        // when
        ShellHarness.Result result = shell.run(script, plan.toString(), "--state-dir", state().toString());

        // then
        String out = result.out();
        assertThat(result.status()).as(out + result.err()).isZero();
        assertThat(out).contains("> help\n", "> plan\n", "> quit\n").doesNotContain("# a comment")
                .doesNotContain("\u001b[");
        assertThat(out).contains("run [to STEP]", "sql CONNECTION QUERY", "exits with the status of its last command")
                .contains("Usage: run [to STEP]");
        assertThat(out).containsPattern(">\\s+1\\s+first\\s+exec\\s+pending")
                .contains("note log: hello world");
        assertThat(out).contains("✔ first (exec)", "next: greet (log)");
        assertThat(out).contains("inputs.who = world", "inputs.token = ****", "steps.first.ts = BackupTS=42")
                .doesNotContain("tok-123456");
        assertThat(out).contains("> get steps.first.ts\nBackupTS=42\n", "ts=BackupTS=42 for world");
        assertThat(out).contains("unknown command 'nxt' (did you mean 'next'?");
        assertThat(out).contains("error: no step 'nosuch'");
        assertThat(out).contains("breakpoint before 'check'", "breakpoint before 'last' removed",
                "breakpoints before: check\n");
        assertThat(out).contains("✔ greet (log)", "✔ nap (sleep)", "stopped at breakpoint 'check'")
                .containsPattern(">\\s+4\\s+check\\s+assert\\s+pending\\s+breakpoint");
        assertThat(out).contains("✖ check (assert)", "who is not shell", "'retry' runs it again");
        assertThat(out).contains("inputs.who = shell", "↷ extra (exec) skipped", "next: last (exec)");
        assertThat(out).contains("error: cannot connect to db", "error: unknown connection 'nope' (connections: db)");
        assertThat(out).contains("Run " + ShellHarness.runId(state()) + "  running")
                .containsPattern("check\\s+assert\\s+completed \\(3 tries\\)");
        assertThat(out).contains("The run stays resumable. To continue it: stepwise resume "
                + ShellHarness.runId(state()) + " --plan " + plan + " --state-dir " + state());
        assertThat(Files.readAllLines(ledger())).containsExactly("first");
        String journal = ShellHarness.journal(state());
        assertThat(journal).contains("\"input_set\"", "\"shell\"", "skipped in the shell", "the shell closed the run")
                .doesNotContain("tok-123456");

        // when the run is resumed outside the shell
        RunReport resumed = ShellHarness.ENGINE.resume(Optional.of(ShellHarness.runId(state())), Optional.of(plan),
                RunOptions.defaults().withStateDir(state()));

        // then it finishes where the shell stopped: the skipped step stays skipped, the set input holds
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readAllLines(ledger())).containsExactly("first", "last");
    }

    @Test
    void confirmationsAndRollbackAreAskedInTheShell() throws Exception {
        // given
        Path target = dir.resolve("made");
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: asking
                steps:
                  - id: make
                    type: exec
                    with: {script: "mkdir '%1$s'"}
                    rollback:
                      type: exec
                      with: {script: "rmdir '%1$s'"}
                  - id: careful
                    type: log
                    confirm: Really log?
                    with: {message: "logged"}
                """.formatted(target));
        String script = "next\nnext\nn\nnext\ny\nrollback\nno\nrollback\ny\nquit\n";

        // when
        ShellHarness.Result result = shell.run(script, plan.toString(), "--state-dir", state().toString());

        // then
        String out = result.out();
        assertThat(out).contains("Proceed with step 'careful'? Really log? [y/N] n\n",
                "step 'careful' was not confirmed; nothing was done");
        assertThat(out).contains("Proceed with step 'careful'? Really log? [y/N] y\n", "    logged",
                "succeeded (2 of 2 steps done)");
        assertThat(out).contains("Rolling back undoes, newest first: careful, make",
                "Roll back run " + ShellHarness.runId(state()) + "? [y/N] no\n", "not rolled back",
                "was rolled back", "Run " + ShellHarness.runId(state()) + " rolled back.");
        assertThat(result.status()).as(out).isZero();
        assertThat(target).doesNotExist();
        assertThat(ShellHarness.journal(state())).contains("\"event\":\"confirmed\",\"step\":\"careful\",\"answer\":\"no\"",
                "\"event\":\"confirmed\",\"step\":\"careful\",\"answer\":\"yes\"", "\"ROLLED_BACK\"");
    }

    @Test
    void theShellAttachesToAFailedRunAndFinishesIt() throws Exception {
        // given a run that stopped at the failed check
        Path plan = plan();
        RunReport failed = ShellHarness.ENGINE.run(plan, RunOptions.defaults().withStateDir(state()));
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);

        // when
        ShellHarness.Result result = shell.run("plan\nset inputs.who=shell\nretry\nrun\n", "--run", failed.runId(),
                "--plan", plan.toString(), "--state-dir", state().toString());

        // then
        assertThat(result.status()).as(result.out()).isZero();
        assertThat(result.out()).contains("Resuming run " + failed.runId())
                .containsPattern(">\\s+4\\s+check\\s+assert\\s+failed")
                .contains("succeeded (6 of 6 steps done)", "Run " + failed.runId() + " succeeded.");
        assertThat(Files.readAllLines(ledger())).containsExactly("first", "extra", "last");
    }

    @Test
    void atTheEndOfInputTheShellExitsWithTheStatusOfItsLastCommand() throws Exception {
        Path plan = plan();
        assertThat(shell.run("next\nnext\nnext\nnext\n", plan.toString(), "--state-dir", state().resolve("a").toString())
                .status()).isEqualTo(ExitStatus.FAILED);
        assertThat(shell.run("next\nfrobnicate\n", plan.toString(), "--state-dir", state().resolve("b").toString())
                .status()).isEqualTo(ExitStatus.USAGE);
        assertThat(shell.run("next\nbreak\n", plan.toString(), "--state-dir", state().resolve("c").toString()).out())
                .contains("break: Missing required parameter: 'STEP' (usage: break STEP; 'help break' for more)");
        assertThat(shell.run("next\nnext\nnext\nnext\nstatus\n", plan.toString(), "--state-dir",
                state().resolve("d").toString()).status()).isZero();
    }

    @Test
    void anInvalidPlanOrAMissingPlanIsAUsageErrorAndNothingRuns() throws Exception {
        // given
        Path plan = dir.resolve("bad.yaml");
        Files.writeString(plan, "name: bad\nsteps:\n  - id: a\n    type: nosuch\n");

        // when
        ShellHarness.Result invalid = shell.run("next\n", plan.toString(), "--state-dir", state().toString());
        ShellHarness.Result missing = shell.run("next\n");

        // then
        assertThat(invalid.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(invalid.err()).contains("unknown step type 'nosuch'").contains("nothing was run");
        assertThat(invalid.out()).doesNotContain("> next");
        assertThat(state().resolve("runs")).doesNotExist();
        assertThat(missing.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(missing.err()).contains("give a PLAN to start a new run, or --run RUN to attach to one");
    }

    @Test
    void ctrlCInterruptsTheRunningStepAndTheShellGoesOn() throws Exception {
        // given a step that would sleep for a minute
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: sleepy
                steps:
                  - id: long_nap
                    type: sleep
                    with: {duration: 60s}
                  - id: after
                    type: log
                    with: {message: after the nap}
                """);
        CompletableFuture<ShellHarness.Result> session = CompletableFuture.supplyAsync(
                () -> shell.run("run\nplan\nquit\n", plan.toString(), "--state-dir", state().toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ShellHarness.journalSoFar(state()).contains("step_started")) {
            assertThat(System.nanoTime() - deadline).as("the step never started").isNegative();
            Thread.sleep(20);
        }

        // when Ctrl-C reaches the command line's interrupter (as the SIGINT handler does without a terminal)
        assertThat(shell.interrupter.requestStop()).isTrue();
        ShellHarness.Result result = session.get(30, TimeUnit.SECONDS);

        // then
        assertThat(result.out()).contains("✖ long_nap (sleep)", "step 'long_nap' was interrupted; 'retry' runs it again",
                "> plan").containsPattern(">\\s+1\\s+long_nap\\s+sleep\\s+interrupted");
        assertThat(ShellHarness.journal(state())).contains("\"step_interrupted\"");
        assertThat(result.status()).isZero();
    }

    @Test
    void withYesNothingIsAsked() throws Exception {
        // given
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: trusting
                steps:
                  - id: careful
                    type: log
                    confirm: Really log?
                    with: {message: "logged"}
                  - id: later
                    type: log
                    with: {message: "later"}
                """);

        // when
        ShellHarness.Result result = shell.run("next\nrollback\n", plan.toString(), "--yes", "--state-dir",
                state().toString());

        // then
        assertThat(result.out()).doesNotContain("[y/N]").contains("    logged", "was rolled back");
        assertThat(result.status()).isZero();
    }
}
