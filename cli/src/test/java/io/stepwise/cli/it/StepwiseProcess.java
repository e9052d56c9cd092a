package io.stepwise.cli.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged command line as a child process, the way a user does. */
final class StepwiseProcess {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "stepwise-cli.jar").toAbsolutePath();
    private static final Path LIB = Path.of("target", "lib").toAbsolutePath();

    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + "\n" + stderr;
        }
    }

    private StepwiseProcess() {
    }

    /** A loopback port nothing listens on now, for a plan's server. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until a runner's console (its redirected output) shows {@code text}; fails if it ends first or in 120 s. */
    static void awaitConsole(Process runner, Path console, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(console).contains(text)) {
            if (!runner.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the runner never printed '" + text + "':\n" + Files.readString(console));
            }
            Thread.sleep(2);
        }
    }

    private static boolean small(Path file) {
        try {
            return Files.size(file) <= 8L << 20;
        } catch (IOException e) {
            return false;
        }
    }

    static ProcessBuilder builder(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", JAR + ":" + LIB + "/*", "io.stepwise.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("STEPWISE_HOME", workDir.resolve(".stepwise-home").toString());
        builder.environment().put("CI", "true");
        builder.environment().putAll(env);
        return builder;
    }

    static Result run(Path workDir, Map<String, String> env, String... args) {
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            Process process = builder(workDir, env, args).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("stepwise " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Every file under a directory up to 8 MiB, read as text (for checks that a secret appears
     * nowhere): journals, logs, generated files; database data files are larger and left out.
     */
    static String allText(Path dir) {
        StringBuilder text = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(StepwiseProcess::small).toList()) {
                text.append(file).append('\n').append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
