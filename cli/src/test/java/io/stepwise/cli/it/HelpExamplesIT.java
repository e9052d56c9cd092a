package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example {@code --help} prints, for every command, runs as printed (in a copy of {@code plans/examples}, in the
 * order a newcomer would try the commands) and exits as it says: 0, or the {@code (exit N)} its comment names. The
 * README's shell blocks are commands too: each is run here or named with the test that runs it.
 */
class HelpExamplesIT {
    /** The order the commands' examples run in: later ones use the runs earlier ones leave. */
    private static final List<String> ORDER = List.of("validate", "dry-run", "run", "resume", "rollback", "status",
            "prune", "shell", "steps", "schema", "completion", "stepwise");
    private static final Pattern EXPECTED_EXIT = Pattern.compile("#.*\\(exit (\\d+)\\)");
    /** README commands another test runs (or that run this test). */
    private static final Map<String, String> RUN_ELSEWHERE = Map.of(
            "./stepwise run plans/quickstart.yaml", "QuickstartIT",
            "./mvnw -B verify", "the build this test is part of",
            "stepwise completion bash > ~/.local/share/bash-completion/completions/stepwise",
            "CommandLineHabitsIT.bashCompletesCommandsOptionsAndValues (into a temp dir, not the home)",
            "stepwise completion zsh > ~/.zfunc/stepwise.zsh && echo 'source ~/.zfunc/stepwise.zsh' >> ~/.zshrc",
            "CommandLineHabitsIT.zshGetsTheBashScriptAndFishItsOwn (into a temp dir, not the home)",
            "stepwise completion fish > ~/.config/fish/completions/stepwise.fish",
            "CommandLineHabitsIT.zshGetsTheBashScriptAndFishItsOwn (the fish script, as text)",
            "stepwise run plan.yaml -o json | jq -c 'select(.kind == \"STEP_FAILED\") | {step_id, message, data}'",
            "EventStreamSchemaTest (the STEP_FAILED fields the filter selects; jq itself is not installed here)");

    @TempDir
    Path work;

    @Test
    void givenACopyOfTheExamplePlans_whenEveryHelpExampleRunsAsPrinted_thenEachExitsAsItSays() throws Exception {
        // given
        setUp();
        Map<String, List<String>> examples = new LinkedHashMap<>();
        for (String command : commands()) {
            examples.put(command, examples(run("stepwise " + command + " --help").out()));
        }
        examples.put("stepwise", examples(run("stepwise --help").out()));

        // when / then
        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(ORDER);
        for (String command : ORDER) {
            assertThat(examples.get(command)).as("stepwise " + command + " --help shows an example").isNotEmpty();
            for (String example : examples.get(command)) {
                Outcome outcome = run(example);
                assertThat(outcome.exit()).as("`%s` (from stepwise %s --help) exits %d:%n%s", example, command,
                        expectedExit(example), outcome.out()).isEqualTo(expectedExit(example));
            }
        }
        assertThat(work.resolve("dry-run.md")).content().startsWith("# Dry-run: capture");
        assertThat(work.resolve("schemas/plan.schema.json")).content().contains("\"mariadb.local\"");
    }

    @Test
    void givenTheReadme_whenItsShellBlocksAreRead_thenEveryCommandInThemIsRunByATest() throws Exception {
        // given
        setUp();
        List<String> commands = readmeCommands(Files.readString(StepwiseProcess.REPO.resolve("README.md")));

        // when
        List<String> notCovered = new ArrayList<>();
        for (String command : commands) {
            if (RUN_ELSEWHERE.containsKey(command)) {
                continue;
            }
            if (!command.startsWith("./stepwise ")) {
                notCovered.add(command);
                continue;
            }
            Outcome outcome = run(command);
            assertThat(outcome.exit()).as("`%s` from the README:%n%s", command, outcome.out()).isEqualTo(expectedExit(command));
        }

        // then
        assertThat(commands).containsAll(RUN_ELSEWHERE.keySet());
        assertThat(notCovered).as("README commands no test runs").isEmpty();
        assertThat(Files.readString(Path.of("src/test/java/io/stepwise/cli/it/QuickstartIT.java")))
                .as("QuickstartIT runs the README's quickstart").contains("plans/quickstart.yaml\"");
    }

    /** The commands of a README's ```sh blocks, one per line, without comments. */
    static List<String> readmeCommands(String readme) {
        List<String> commands = new ArrayList<>();
        Matcher block = Pattern.compile("(?s)```sh\\n(.*?)```").matcher(readme);
        while (block.find()) {
            block.group(1).lines().map(l -> l.replaceFirst("\\s+#.*$", "").strip()).filter(l -> !l.isEmpty())
                    .filter(l -> !l.startsWith("#")).forEach(commands::add);
        }
        return commands;
    }

    /** The lines under the help's last "Example(s)" heading. */
    static List<String> examples(String help) {
        List<String> lines = help.lines().toList();
        int heading = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("Examples?( \\(.*\\))?:")) {
                heading = i;
            }
        }
        if (heading < 0) {
            return List.of();
        }
        return lines.subList(heading + 1, lines.size()).stream().takeWhile(l -> l.startsWith("  ")).map(String::strip)
                .toList();
    }

    private static int expectedExit(String example) {
        Matcher m = EXPECTED_EXIT.matcher(example);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private List<String> commands() {
        List<String> lines = run("stepwise --help").out().lines().toList();
        int start = lines.indexOf("Commands:");
        return lines.subList(start + 1, lines.size()).stream().takeWhile(l -> l.startsWith("  "))
                .filter(l -> l.matches("  [a-z][a-z-]*(\\s.*)?")) // a wrapped description is indented further
                .map(l -> l.strip().split("\\s+")[0]).filter(c -> !c.equals("help")).toList();
    }

    /** A copy of the example plans and the launchers {@code stepwise} (on the PATH) and {@code ./stepwise}. */
    private void setUp() throws IOException {
        Path examples = StepwiseProcess.REPO.resolve("plans/examples");
        try (Stream<Path> files = Files.list(examples)) {
            Files.createDirectories(work.resolve("plans/examples"));
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, work.resolve("plans/examples").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createDirectories(work.resolve("schemas"));
        Files.createDirectories(work.resolve("bin"));
        String launcher = "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '" + Path.of("target", "stepwise-cli.jar").toAbsolutePath()
                + ":" + Path.of("target", "lib").toAbsolutePath() + "/*' io.stepwise.cli.Main \"$@\"\n";
        for (Path script : List.of(work.resolve("bin/stepwise"), work.resolve("stepwise"))) {
            Files.writeString(script, launcher);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    record Outcome(int exit, String out) {
    }

    private Outcome run(String commandLine) {
        try {
            Path out = Files.createTempFile(work, "out", ".txt");
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", commandLine).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("PATH", work.resolve("bin") + ":" + System.getenv("PATH"));
            builder.environment().put("STEPWISE_HOME", work.resolve(".stepwise-home").toString());
            builder.environment().put("CI", "true");
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("`" + commandLine + "` did not finish in 3 minutes");
            }
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
