package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command line behaves as command lines do: stdin, paths, version, completion, signals. */
class CommandLineHabitsIT {
    @TempDir
    Path dir;

    private StepwiseProcess.Result withInput(String input, Path workDir, String... args) throws Exception {
        Path in = Files.writeString(dir.resolve("stdin-" + System.nanoTime()), input);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = StepwiseProcess.builder(workDir, Map.of(), args).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("stepwise finished").isTrue();
        return new StepwiseProcess.Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aPlanCanComeFromStandardInput() throws Exception {
        // given
        String plan = "name: piped\nsteps:\n  - {id: say, type: log, with: {message: from stdin}}\n";

        // when
        StepwiseProcess.Result run = withInput(plan, dir, "run", "-", "-o", "json");
        StepwiseProcess.Result invalid = withInput("name: piped\nsteps:\n  - {id: say, type: log, wit: {}}\n", dir,
                "validate", "-");

        // then
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.stdout()).contains("\"message\":\"from stdin\"").contains("\"status\":\"SUCCEEDED\"");
        try (var runs = Files.list(dir.resolve(".stepwise/runs"))) {
            Path runDir = runs.filter(Files::isDirectory).findFirst().orElseThrow();
            assertThat(runDir.resolve("plan.yaml")).as("the run keeps the plan it was given").hasContent(plan);
        }
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.stderr()).contains("<stdin>:3:").contains("<stdin>: 2 problems, nothing was run");
    }

    @Test
    void relativePathsInExecResolveAgainstThePlansDirectory() throws Exception {
        // given: a plan with its helper, run from another directory
        Path planDir = Files.createDirectories(dir.resolve("plans/here"));
        Files.createDirectories(planDir.resolve("sub"));
        Path helper = Files.writeString(planDir.resolve("helper.sh"), "#!/bin/sh\necho \"$1 in $(pwd)\"\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(planDir.resolve("plan.yaml"), """
                name: relative
                steps:
                  - id: helper
                    type: exec
                    with: {command: [./helper.sh, hello], cwd: sub}
                    capture: {out: "${result.stdout.trim()}"}
                  - id: show
                    type: log
                    with: {message: "said ${steps.helper.out}"}
                """);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        // when
        StepwiseProcess.Result result = StepwiseProcess.run(elsewhere, Map.of(), "run", "../plans/here/plan.yaml");
        StepwiseProcess.Result dryRun = StepwiseProcess.run(elsewhere, Map.of(), "dry-run", "../plans/here/plan.yaml");

        // then
        assertThat(result.exit()).as(result.all()).isZero();
        assertThat(result.all()).contains("said hello in " + planDir.resolve("sub").toRealPath());
        assertThat(dryRun.stdout()).contains("exec <plan.dir>/helper.sh hello  (in <plan.dir>/sub)");
    }

    @Test
    void versionNamesTheCommitItWasBuiltFrom() throws Exception {
        StepwiseProcess.Result version = StepwiseProcess.run(dir, Map.of(), "--version");

        assertThat(version.exit()).isZero();
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(StepwiseProcess.REPO.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (git.waitFor() == 0 && head.matches("[0-9a-f]{40}")) {
            assertThat(version.stdout()).containsPattern("(?m)^commit " + head + "( \\(with uncommitted changes\\))?$");
        } else {
            assertThat(version.stdout()).contains("commit unknown (built without git)");
        }
    }

    @Test
    void bashCompletesCommandsOptionsAndValues() throws Exception {
        // given
        StepwiseProcess.Result script = StepwiseProcess.run(dir, Map.of(), "completion", "bash");
        assertThat(script.exit()).isZero();
        Path file = Files.writeString(dir.resolve("stepwise.bash"), script.stdout());

        // when: bash runs the completion function as it does on Tab
        String probe = """
                source %s 2>/dev/null
                complete_at() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                  COMPREPLY=(); _complete_stepwise 2>/dev/null; echo "$* => ${COMPREPLY[*]}"; }
                complete_at stepwise ru
                complete_at stepwise dry-run plan.yaml --out
                complete_at stepwise run plan.yaml --output ""
                complete_at stepwise comp
                """.formatted(file);
        Process bash = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // then
        assertThat(out.lines()).contains("stepwise ru => run", "stepwise dry-run plan.yaml --out => --output",
                "stepwise run plan.yaml --output  => TEXT JSON", "stepwise comp => completion");
    }

    @Test
    void zshGetsTheBashScriptAndFishItsOwn() {
        StepwiseProcess.Result bash = StepwiseProcess.run(dir, Map.of(), "completion", "bash");
        StepwiseProcess.Result zsh = StepwiseProcess.run(dir, Map.of(), "completion", "zsh");
        StepwiseProcess.Result fish = StepwiseProcess.run(dir, Map.of(), "completion", "fish");
        StepwiseProcess.Result unknown = StepwiseProcess.run(dir, Map.of(), "completion", "tcsh");

        assertThat(zsh.stdout()).isEqualTo(bash.stdout()).contains("bashcompinit");
        for (String command : List.of("validate", "dry-run", "run", "resume", "rollback", "status", "shell", "steps",
                "schema", "completion")) {
            assertThat(fish.stdout()).contains("-a '" + command + "' -d '");
        }
        assertThat(fish.stdout()).contains("-n '__fish_seen_subcommand_from run' -s o -l output -r -f -a 'text json'");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("tcsh");
    }

    @Test
    void sigtermStopsTheRunWithStatus143AndJournalsTheInterrupt() throws Exception {
        // given
        Path plan = Files.writeString(dir.resolve("slow.yaml"), """
                name: slow
                steps:
                  - {id: slow, type: exec, with: {command: [sleep, "30"]}}
                """);
        Path out = dir.resolve("out.jsonl");
        Process process = StepwiseProcess.builder(dir, Map.of(), "run", plan.toString(), "-o", "json")
                .redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("\"STEP_STARTED\"") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        // when
        process.destroy(); // SIGTERM

        // then
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(Files.readString(out)).contains("\"kind\":\"STEP_FAILED\"").contains("\"interrupted\":true")
                .contains("\"status\":\"INTERRUPTED\"");
    }
}
