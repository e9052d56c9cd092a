package io.stepwise.engine.internal.actions;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child processes from an argv, never through a shell: run to completion with output captured and
 * logged, or started in the background with output going to {@code logs/<name>.log}.
 */
final class ProcessRunner {
    /** stdout and stderr keep their first this many characters each; the log has them all. */
    static final int HEAD_CHARS = 1024 * 1024;
    /** ... and their last this many. */
    static final int TAIL_CHARS = 3 * 1024 * 1024;
    /** After SIGTERM on timeout or interruption, SIGKILL follows this much later. */
    static final Duration KILL_GRACE = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final long POLL_MILLIS = 50;
    private static final long DRAIN_MILLIS = 2_000;
    private static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst().orElse(null);

    private final Path logs;
    private final Masking masking;
    private final Watchdog watchdog;
    private final AtomicInteger sequence = new AtomicInteger();

    ProcessRunner(Path runDir, Masking masking, Watchdog watchdog) {
        this.logs = runDir.resolve("logs");
        this.masking = masking;
        this.watchdog = watchdog;
    }

    ExecResult exec(ExecAction action) {
        Path logFile = logs.resolve(String.format("exec-%03d-%s.log", sequence.incrementAndGet(),
                safeName(baseName(action.argv().get(0)))));
        try (LogSink sink = LogSink.open(logFile, masking)) {
            sink.line("# " + action.summary());
            long started = System.nanoTime();
            Process process = start(builder(action), action);
            HeadTail stdout = new HeadTail(HEAD_CHARS, TAIL_CHARS);
            HeadTail stderr = new HeadTail(HEAD_CHARS, TAIL_CHARS);
            Map<String, StreamScan> scans = new LinkedHashMap<>();
            action.extract().forEach((name, regex) -> scans.put(name, new StreamScan(Pattern.compile(regex, Pattern.MULTILINE))));
            OutputCapture out = new OutputCapture(process.getInputStream(), stdout, sink, masking, List.copyOf(scans.values()),
                    "stepwise-stdout-" + process.pid()).start();
            OutputCapture err = new OutputCapture(process.getErrorStream(), stderr, sink, masking, List.of(),
                    "stepwise-stderr-" + process.pid()).start();
            feed(process, action);
            awaitExit(process, action, stderr, logFile);
            if (!out.join(DRAIN_MILLIS) || !err.join(DRAIN_MILLIS)) {
                LOG.debug("output of pid {} still open after it exited (a descendant holds it); not waiting", process.pid());
            }
            if (stdout.omitted() > 0 || stderr.omitted() > 0) {
                LOG.info("output of {} was longer than {} characters; the result keeps the first {} and the last {}, {} has it all",
                        masking.apply(action.argv().get(0)), HEAD_CHARS + TAIL_CHARS, HEAD_CHARS, TAIL_CHARS, logFile);
            }
            Map<String, String> extracted = new LinkedHashMap<>();
            scans.forEach((name, scan) -> scan.found().ifPresent(v -> extracted.put(name, v)));
            return new ExecResult(process.exitValue(), stdout.text(omission(stdout, logFile)),
                    stderr.text(omission(stderr, logFile)), Duration.ofNanos(System.nanoTime() - started), extracted,
                    stdout.omitted(), Optional.of(logFile));
        }
    }

    /** The line standing for what a result leaves out. */
    private static String omission(HeadTail kept, Path logFile) {
        return String.format("%n[... %,d characters left out here; %s has the whole output ...]%n", kept.omitted(), logFile);
    }

    private void awaitExit(Process process, ExecAction action, HeadTail stderr, Path logFile) {
        long deadline = action.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (watchdog.interrupted()) {
                    ProcessTree.terminate(process.toHandle(), KILL_GRACE);
                    throw new StepInterruptedException("interrupted; stopped " + masking.apply(action.summary()));
                }
                if (System.nanoTime() > deadline) {
                    ProcessTree.terminate(process.toHandle(), KILL_GRACE);
                    throw new StepFailedException("timed out after " + action.timeout().orElseThrow().toSeconds()
                            + "s and was stopped: " + masking.apply(action.summary()) + tailNote(stderr.text(omission(stderr, logFile))),
                            "raise timeout, or find out why it hangs");
                }
            }
        } catch (InterruptedException e) {
            ProcessTree.terminate(process.toHandle(), KILL_GRACE);
            Thread.currentThread().interrupt();
            throw new StepInterruptedException("interrupted; stopped " + masking.apply(action.summary()));
        }
    }

    private String tailNote(String stderr) {
        String tail = lastLines(masking.apply(stderr), 5);
        return tail.isEmpty() ? "" : "; stderr ends with:\n" + tail;
    }

    /** The last {@code count} non-blank lines of a text, for messages. */
    static String lastLines(String text, int count) {
        List<String> lines = text.strip().lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    BackgroundProcess start(ExecAction action, String name) {
        Path logFile = freshLog(logs.resolve(safeName(name) + ".log"));
        ProcessBuilder builder = builder(action);
        if (SETSID != null) {
            // its own session: a Ctrl-C meant for stepwise does not reach it, and keep: true survives the run
            builder.command().add(0, SETSID.toString());
        }
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (action.stdin().isEmpty()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process = start(builder, action);
        feed(process, action);
        LOG.debug("started {} as pid {}: {}; output in {}", name, process.pid(), masking.apply(action.summary()), logFile);
        return new LocalBackgroundProcess(name, process, logFile);
    }

    /**
     * An empty log holding only what the process prints (readiness checks read it from the start);
     * the log of an earlier start under the same name is kept as {@code <name>.log.1}.
     */
    private static Path freshLog(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            if (Files.exists(logFile)) {
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createFile(logFile);
            return logFile;
        } catch (IOException e) {
            throw new StepFailedException("cannot create log " + logFile + ": " + e.getMessage(),
                    "check that the run directory is writable");
        }
    }

    private ProcessBuilder builder(ExecAction action) {
        action.cwd().ifPresent(dir -> {
            if (!Files.isDirectory(dir)) {
                throw new StepFailedException("working directory does not exist: " + masking.apply(dir.toString()),
                        "create it first or fix cwd");
            }
        });
        ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(action.argv()));
        builder.environment().putAll(action.env());
        action.cwd().ifPresent(dir -> builder.directory(dir.toFile()));
        return builder;
    }

    private Process start(ProcessBuilder builder, ExecAction action) {
        if (watchdog.interrupted()) {
            throw new StepInterruptedException("interrupted before starting " + masking.apply(action.argv().get(0)));
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw startFailed(action.argv().get(0), e);
        }
    }

    private StepFailedException startFailed(String program, IOException e) {
        String message = String.valueOf(e.getMessage());
        String shown = masking.apply(program);
        if (message.contains("error=2,")) {
            return new StepFailedException("command not found: " + shown, program.contains("/")
                    ? "check the path" : "install it or give its full path (looked on PATH)");
        }
        if (message.contains("error=13,")) {
            return new StepFailedException("permission denied running " + shown,
                    "make it executable (chmod +x) or run it through its interpreter");
        }
        return new StepFailedException("cannot start " + shown + ": " + masking.apply(message), null,
                masking.scrub(e, List.of()));
    }

    /** Writes stdin on its own thread (a large input must not block on a full pipe), then closes it. */
    private static void feed(Process process, ExecAction action) {
        if (action.stdin().isEmpty()) {
            closeQuietly(process.getOutputStream());
            return;
        }
        byte[] input = action.stdin().get().getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                LOG.debug("child {} stopped reading stdin: {}", process.pid(), e.toString());
            }
        }, "stepwise-stdin-" + process.pid());
        writer.setDaemon(true);
        writer.start();
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing stdin failed: {}", e.toString());
        }
    }

    private static String baseName(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }

    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
