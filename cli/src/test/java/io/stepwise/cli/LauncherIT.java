package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./stepwise} launcher on the jar this build packaged, from another working
 * directory. {@code STEPWISE_NO_BUILD} keeps it from starting Maven inside Maven.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "stepwise").toAbsolutePath().normalize();

    record Outcome(int status, String out, String err) {
    }

    private Outcome launch(Path workDir, boolean cds, String... args) throws IOException, InterruptedException {
        return launch(workDir, cds, java.util.Map.of(), args);
    }

    private Outcome launch(Path workDir, boolean cds, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("out.txt").toFile()).redirectError(workDir.resolve("err.txt").toFile());
        builder.environment().put("STEPWISE_NO_BUILD", "1");
        builder.environment().put("CI", "true");
        builder.environment().putAll(env);
        if (!cds) {
            builder.environment().put("STEPWISE_NO_CDS", "1");
        }
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Outcome(process.exitValue(), Files.readString(workDir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void helpWorksFromAnyDirectory(@TempDir Path elsewhere) throws Exception {
        // when
        Outcome outcome = launch(elsewhere, false, "--help");

        // then
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("Usage: stepwise").contains("Exit status:");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void versionComesFromTheJarManifest(@TempDir Path elsewhere) throws Exception {
        // when
        Outcome outcome = launch(elsewhere, false, "--version");

        // then
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("stepwise ").doesNotContain("development build");
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path elsewhere) throws Exception {
        // when
        Outcome outcome = launch(elsewhere, false, "run", "--set", "oops");

        // then
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void theClassDataArchiveNeverShowsInTheOutput(@TempDir Path elsewhere) throws Exception {
        // when the first launch records the archive and the second uses it
        Outcome first = launch(elsewhere, true, "--version");
        Outcome second = launch(elsewhere, true, "--version");

        // then
        assertThat(first.status()).isZero();
        assertThat(second.out()).isEqualTo(first.out()).startsWith("stepwise ").doesNotContain("cds", "warning");
        assertThat(second.err()).isEmpty();
    }

    /** The JVM flag's final value as -XX:+PrintFlagsFinal reports it for a launch of these arguments. */
    private String flag(Path workDir, String name, String javaOpts, String... args) throws Exception {
        Outcome outcome = launch(workDir, false, java.util.Map.of("JAVA_OPTS", javaOpts), args);
        assertThat(outcome.status()).isZero();
        return outcome.out().lines().filter(line -> line.trim().matches("\\S+\\s+" + name + "\\s+=.*")).findFirst()
                .map(line -> line.split("=")[1].trim().split("\\s+")[0]).orElseThrow();
    }

    @Test
    void aCommandThatRunsStepsGetsC2ForItsHottestCodeAndOneThatReadsAPlanStaysOnC1(@TempDir Path elsewhere)
            throws Exception {
        String print = "-XX:+PrintFlagsFinal";

        // then
        assertThat(flag(elsewhere, "TieredStopAtLevel", print, "--debug", "run", "--help")).isEqualTo("4");
        assertThat(flag(elsewhere, "Tier4InvocationThreshold", print, "resume", "--help")).isEqualTo("50000");
        assertThat(flag(elsewhere, "TieredStopAtLevel", print, "validate", "--help")).isEqualTo("1");
        assertThat(flag(elsewhere, "TieredStopAtLevel", print + " -XX:TieredStopAtLevel=1", "run", "--help"))
                .as("JAVA_OPTS overrides the launcher's choice").isEqualTo("1");
    }
}
