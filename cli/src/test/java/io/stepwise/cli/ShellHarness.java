package io.stepwise.cli;

import io.stepwise.engine.Stepwise;
import io.stepwise.engine.api.Engine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine;

/**
 * Runs {@code stepwise shell} in process with the real engine, on a dumb JLine terminal whose input is a
 * script: what a pipe gives the shell.
 */
final class ShellHarness {
    static final Engine ENGINE = Stepwise.engine();

    final RunInterrupter interrupter = RunInterrupter.interruptingThread();

    record Result(int status, String out, String err) {
    }

    Result run(String script, String... args) {
        return run(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), args);
    }

    Result run(InputStream input, String... args) {
        ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CliContext context = CliContext.builder(() -> ENGINE)
                .out(new PrintWriter(terminalOut, true, StandardCharsets.UTF_8))
                .err(new PrintWriter(err, true))
                .interrupter(interrupter)
                .build();
        CommandLine commandLine = new CommandLine(new ShellCommand(context, () -> dumbTerminal(input, terminalOut)));
        ErrorHandler errors = new ErrorHandler(context);
        commandLine.setOut(context.out()).setErr(context.err())
                .setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
        int status = commandLine.execute(args);
        return new Result(status, terminalOut.toString(StandardCharsets.UTF_8), err.toString());
    }

    static Terminal dumbTerminal(InputStream input, ByteArrayOutputStream output) throws IOException {
        return new DumbTerminal("test", Terminal.TYPE_DUMB, input, output, StandardCharsets.UTF_8);
    }

    /** The journal of the only run under a state directory. */
    static String journal(Path stateDir) {
        try (Stream<Path> runs = Files.list(stateDir.resolve("runs"))) {
            return Files.readString(runs.findFirst().orElseThrow().resolve("journal.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal of the only run so far, empty while there is none yet (the run is being opened). */
    static String journalSoFar(Path stateDir) {
        try (Stream<Path> runs = Files.list(stateDir.resolve("runs"))) {
            Path journal = runs.findFirst().orElseThrow().resolve("journal.jsonl");
            return Files.readString(journal);
        } catch (IOException | java.util.NoSuchElementException e) {
            return "";
        }
    }

    /** The id of the only run under a state directory. */
    static String runId(Path stateDir) {
        try (Stream<Path> runs = Files.list(stateDir.resolve("runs"))) {
            return runs.findFirst().orElseThrow().getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
